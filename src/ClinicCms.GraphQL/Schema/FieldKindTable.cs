using ClinicCms.Content.Parts;
using ClinicCms.GraphQL.Queries;
using ClinicCms.GraphQL.Types;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>How a field kind appears in GraphQL (spec 3.5): its type, how it reads the stored JSON, and whether it filters and sorts.</summary>
internal sealed record FieldKindRow(Type? Output, Func<SchemaParts, IGraphType>? DynamicOutput, Func<FieldSource, object?> Resolve, ScalarKind? Scalar);

/// <summary>One row per field kind in <see cref="FieldKinds.Known"/>; a test keeps the two in step.</summary>
internal static class FieldKindTable
{
    public static readonly IReadOnlyDictionary<string, FieldKindRow> Rows = new Dictionary<string, FieldKindRow>
    {
        [FieldKinds.TextField] = Scalar(typeof(StringGraphType), s => JsonRead.String(s.Value, "Text"), ScalarKind.Text),
        [FieldKinds.NumericField] = Scalar(typeof(DecimalGraphType), s => JsonRead.Decimal(s.Value, "Value"), ScalarKind.Number),
        [FieldKinds.BooleanField] = Scalar(typeof(BooleanGraphType), s => JsonRead.Boolean(s.Value, "Value"), ScalarKind.Boolean),
        [FieldKinds.DateField] = Scalar(typeof(DateGraphType), s => JsonRead.Date(s.Value, "Value")?.Date, ScalarKind.Date),
        [FieldKinds.DateTimeField] = Scalar(typeof(DateTimeGraphType), s => JsonRead.Date(s.Value, "Value"), ScalarKind.DateTime),
        [FieldKinds.TimeField] = Scalar(typeof(TimeSpanGraphType), s => JsonRead.Time(s.Value, "Value"), ScalarKind.Time),
        [FieldKinds.MultiTextField] = new(typeof(ListGraphType<StringGraphType>), null, s => s.Value is null ? null : JsonRead.Strings(s.Value, "Values"), null),
        [FieldKinds.HtmlField] = Object(typeof(HtmlFieldGraphType)),
        [FieldKinds.MarkdownField] = Object(typeof(MarkdownFieldGraphType)),
        [FieldKinds.LinkField] = Object(typeof(LinkFieldGraphType)),
        [FieldKinds.MediaField] = Object(typeof(MediaFieldGraphType)),
        [FieldKinds.ContentPickerField] = new(null, parts => parts.ContentPicker, s => s.Value is null ? null : s, null),
    };

    private static FieldKindRow Scalar(Type type, Func<FieldSource, object?> read, ScalarKind kind) => new(type, null, read, kind);

    private static FieldKindRow Object(Type type) => new(type, null, s => s.Value is null ? null : s, null);
}
