namespace ClinicCms.Content.Store;

/// <summary>
/// Tells this process's caches that definitions or content changed, right after the change commits. Other
/// processes on the same database learn it by polling the definitions document's version.
/// </summary>
public sealed class ContentChangeSignal
{
    private long _definitions;
    private long _content;
    private long _roles;

    public long DefinitionsStamp => Interlocked.Read(ref _definitions);

    public long ContentStamp => Interlocked.Read(ref _content);

    public long RolesStamp => Interlocked.Read(ref _roles);

    public void RolesChanged() => Interlocked.Increment(ref _roles);

    public void DefinitionsChanged()
    {
        Interlocked.Increment(ref _definitions);
        Interlocked.Increment(ref _content);
    }

    public void ContentChanged() => Interlocked.Increment(ref _content);
}
