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
            .Resolve(c => ContentReadContext.Of(c).Markdown.ToHtml(
                JsonRead.String(c.Source.Value, "Markdown"),
                c.Source.Definition.Settings.GetSettings<BodyPartSettings>("MarkdownFieldSettings").SanitizeHtml));
    }
}
