namespace ClinicCms.GraphQL.Queries;

/// <summary>Orchard's Status argument: which versions a list returns.</summary>
public enum PublicationStatus
{
    /// <summary>The published versions (the default).</summary>
    Published,

    /// <summary>Latest versions that are not published.</summary>
    Draft,

    /// <summary>The latest version of each item.</summary>
    Latest,

    /// <summary>Every version.</summary>
    All,
}
