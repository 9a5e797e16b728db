namespace ClinicCms.Content.Security;

/// <summary>A role and the permissions it grants (the Administrator's list stays empty: it has them all).</summary>
public sealed record RoleDefinition(string Name, string? Description, IReadOnlyList<string> Permissions);
