namespace ClinicCms.Content.Definitions;

public enum TitlePartOptions
{
    Editable,
    GeneratedDisabled,
    GeneratedHidden,
    EditableRequired,
}

public sealed class TitlePartSettings
{
    public TitlePartOptions Options { get; set; }
    public string? Pattern { get; set; }
}
