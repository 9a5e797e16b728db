namespace ClinicCms.Content.Search;

/// <summary>A search stopped by the database after <see cref="SearchOptions.TimeoutSeconds"/>, with a message for the caller.</summary>
public sealed class SearchTimeoutException(double seconds, Exception inner)
    : Exception($"The search took longer than {seconds:0.###} s; use fewer or more specific words.", inner);
