namespace ClinicCms.Content.Definitions;

/// <summary>The settings every other field kind shares for validation (DateFieldSettings, LinkFieldSettings, ...): Required.</summary>
public sealed class RequiredFieldSettings
{
    public string? Hint { get; set; }
    public bool Required { get; set; }
}
