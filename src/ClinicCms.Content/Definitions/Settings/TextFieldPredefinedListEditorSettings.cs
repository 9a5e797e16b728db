namespace ClinicCms.Content.Definitions;

public sealed class TextFieldPredefinedListEditorSettings
{
    public List<ListValueOption> Options { get; set; } = [];
    public string? Editor { get; set; }
    public string? DefaultValue { get; set; }
}
