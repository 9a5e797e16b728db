namespace ClinicCms.Recipes.Scripting;

/// <summary>A recipe script failed; the message says why, the caller adds where.</summary>
public sealed class ScriptException(string message) : Exception(message);
