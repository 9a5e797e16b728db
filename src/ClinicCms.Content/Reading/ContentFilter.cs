namespace ClinicCms.Content.Reading;

/// <summary>A node of a query's where tree: <see cref="AllOf"/>, <see cref="AnyOf"/>, <see cref="Not"/> or <see cref="Comparison"/>.</summary>
public abstract record ContentFilter
{
    /// <summary>Matches every version.</summary>
    public static readonly ContentFilter Everything = new AllOf([]);
}
