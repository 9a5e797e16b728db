namespace ClinicCms.Web.Webhooks;

/// <summary>Thrown before connecting to a webhook target whose address is not allowed; its message says which address and why.</summary>
public sealed class TargetRefusedException(string message) : Exception(message);
