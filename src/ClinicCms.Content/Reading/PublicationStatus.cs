namespace ClinicCms.Content.Reading;

/// <summary>Which versions a query returns (Orchard's Status argument).</summary>
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
