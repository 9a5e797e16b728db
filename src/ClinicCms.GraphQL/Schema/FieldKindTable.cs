using ClinicCms.Content.Reading;
using ClinicCms.Content.Fields;
using ClinicCms.GraphQL.Queries;
using ClinicCms.GraphQL.Types;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>How a field kind appears in GraphQL: its type, how it reads the stored JSON, and whether it filters and sorts.</summary>
internal sealed record FieldKindRow(Type? Output, Func<SchemaParts, IGraphType>? DynamicOutput, Func<FieldSource, object?> Resolve, ScalarKind? Scalar);

/// <summary>
/// The one place where a field kind's <see cref="FieldGraphShape"/> becomes a graph type: scalars and objects of
/// scalars are built from the shape, so a new kind of either needs no GraphQL code; <see cref="NamedTypes"/> holds
/// the types of the built-in kinds whose shape is richer.
/// </summary>
internal static class FieldKindTable
{
    private static readonly Dictionary<string, Func<SchemaParts, IGraphType>> NamedTypes = new()
    {
        ["MarkdownField"] = parts => parts.Shared("MarkdownField", () => new MarkdownFieldGraphType()),
        ["MediaField"] = parts => parts.Shared("MediaField", () => new MediaFieldGraphType()),
        ["ContentPickerField"] = parts => parts.ContentPicker,
    };

    /// <summary>The row of a kind, or null when its shape has no graph type (the field is then not exposed).</summary>
    public static FieldKindRow? RowFor(ContentFieldKind kind) => kind.GraphShape switch
    {
        ScalarShape scalar => new(OutputType(scalar.Kind), null, s => Read(scalar.Kind, s.Value, scalar.Property),
            kind.IndexKind),
        StringListShape list => new(typeof(ListGraphType<StringGraphType>), null, s => s.Value is null ? null : JsonRead.Strings(s.Value, list.Property), null),
        ObjectShape shape => new(null, parts => parts.Shared(shape.TypeName, () => ObjectType(shape)), s => s.Value is null ? null : s, null),
        NamedShape named when NamedTypes.TryGetValue(named.TypeName, out var type) => new(null, type, s => s.Value is null ? null : s, null),
        _ => null,
    };

    private static Type OutputType(ScalarKind kind) => WhereInputBuilder.ValueType(kind);

    private static object? Read(ScalarKind kind, System.Text.Json.Nodes.JsonObject? value, string property) => kind switch
    {
        ScalarKind.Text => JsonRead.String(value, property),
        ScalarKind.Number => JsonRead.Decimal(value, property),
        ScalarKind.Boolean => JsonRead.Boolean(value, property),
        ScalarKind.Date => JsonRead.Date(value, property)?.Date,
        ScalarKind.DateTime => JsonRead.Date(value, property),
        _ => JsonRead.Time(value, property),
    };

    private static ObjectGraphType ObjectType(ObjectShape shape)
    {
        var type = new ObjectGraphType { Name = shape.TypeName };
        foreach (var member in shape.Members)
        {
            type.AddField(new FieldType
            {
                Name = member.Name,
                Type = OutputType(member.Kind),
                Resolver = new FuncFieldResolver<object?>(c => Read(member.Kind, ((FieldSource)c.Source!).Value, member.Property)),
            });
        }
        return type;
    }
}
