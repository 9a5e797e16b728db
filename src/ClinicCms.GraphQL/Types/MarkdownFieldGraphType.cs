using System.Runtime.CompilerServices;
using ClinicCms.Content.Definitions;
using ClinicCms.GraphQL.Queries;
using GraphQL;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

public sealed class MarkdownFieldGraphType : ObjectGraphType<FieldSource>
{
    public MarkdownFieldGraphType()
    {
        Name = "MarkdownField";
        Field<StringGraphType>("markdown").Resolve(c => JsonRead.String(c.Source.Value, "Markdown"));
        Field<StringGraphType>("html").Description("The Markdown rendered as HTML, sanitized unless the field's settings turn that off.")
            .Resolve(c => ContentReadContext.Of(c).Markdown.ToHtml(JsonRead.String(c.Source.Value, "Markdown"), Sanitize(c.Source.Definition)));
    }

    // The field's MarkdownFieldSettings.SanitizeHtml, read once per definition (definitions are rebuilt when they
    // change) rather than deserialized for every item.
    private static readonly ConditionalWeakTable<ContentPartFieldDefinition, StrongBox<bool>> SanitizeByField = [];

    private static bool Sanitize(ContentPartFieldDefinition field) =>
        SanitizeByField.GetValue(field, f => new StrongBox<bool>(f.Settings.GetSettings<BodyPartSettings>("MarkdownFieldSettings").SanitizeHtml)).Value;
}
