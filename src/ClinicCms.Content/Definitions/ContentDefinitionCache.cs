namespace ClinicCms.Content.Definitions;

/// <summary>The last parsed definitions document and its version (a singleton shared by all requests).</summary>
public sealed class ContentDefinitionCache
{
    private (long Version, ContentDefinitionRecord Record)? _entry;

    public bool TryGet(long version, out ContentDefinitionRecord record)
    {
        var entry = _entry;
        if (entry is { } e && e.Version == version)
        {
            record = e.Record;
            return true;
        }
        record = null!;
        return false;
    }

    public void Set(long version, ContentDefinitionRecord record) => _entry = (version, record);
}
