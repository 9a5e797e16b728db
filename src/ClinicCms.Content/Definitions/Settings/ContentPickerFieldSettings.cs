namespace ClinicCms.Content.Definitions;

public sealed class ContentPickerFieldSettings
{
    public string? Hint { get; set; }
    public bool Required { get; set; }
    public bool Multiple { get; set; }
    public bool DisplayAllContentTypes { get; set; }
    public List<string> DisplayedContentTypes { get; set; } = [];
}
