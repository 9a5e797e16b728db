namespace ClinicCms.Content.Definitions;

public sealed class ContentTypePartSettings
{
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Position { get; set; }
    public string? Editor { get; set; }
}
