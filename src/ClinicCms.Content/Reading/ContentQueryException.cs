namespace ClinicCms.Content.Reading;

/// <summary>A query the store cannot run as asked (a value that does not fit its filter); the message is for the caller.</summary>
public sealed class ContentQueryException(string message) : Exception(message);
