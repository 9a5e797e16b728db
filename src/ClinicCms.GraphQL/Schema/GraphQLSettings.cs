namespace ClinicCms.GraphQL.Schema;

/// <summary>Orchard's GraphQLContentTypeSettings on a type.</summary>
public sealed class GraphQLContentTypeSettings
{
    public bool Hidden { get; set; }
}

/// <summary>Orchard's GraphQLContentTypePartSettings on a part of a type.</summary>
public sealed class GraphQLContentTypePartSettings
{
    public bool Collapse { get; set; }
    public bool Hidden { get; set; }
    public bool PreventFieldNameCollision { get; set; }
}
