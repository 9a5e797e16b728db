namespace ClinicCms.Content.Definitions;

public sealed class TextFieldSettings
{
    public string? Hint { get; set; }
    public bool Required { get; set; }
    public string? DefaultValue { get; set; }
}
