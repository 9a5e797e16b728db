namespace ClinicCms.Content.Definitions;

public sealed class ContentPartFieldSettings
{
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Editor { get; set; }
    public string? Position { get; set; }
}
