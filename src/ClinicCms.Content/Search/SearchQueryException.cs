namespace ClinicCms.Content.Search;

/// <summary>A search query that cannot be run, with a message for the caller saying why.</summary>
public sealed class SearchQueryException(string message) : Exception(message);
