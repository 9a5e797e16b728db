namespace ClinicCms.Content.Definitions;

public sealed class MultiTextFieldSettings
{
    public string? Hint { get; set; }
    public bool Required { get; set; }
    public List<ListValueOption> Options { get; set; } = [];
}
