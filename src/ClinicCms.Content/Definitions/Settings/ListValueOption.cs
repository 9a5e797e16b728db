namespace ClinicCms.Content.Definitions;

/// <summary>One choice of a predefined list (TextField) or of a MultiTextField.</summary>
public sealed class ListValueOption
{
    public string? Name { get; set; }
    public string? Value { get; set; }
    public bool Default { get; set; }
}
