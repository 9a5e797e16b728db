using ClinicCms.Content.Definitions;
using ClinicCms.GraphQL.Queries;
using ClinicCms.GraphQL.Rendering;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.GraphQL.Types;

public sealed class MarkdownFieldGraphType : ObjectGraphType<FieldSource>
{
    public MarkdownFieldGraphType()
    {
        Name = "MarkdownField";
        Field<StringGraphType>("markdown").Resolve(c => JsonRead.String(c.Source.Value, "Markdown"));
        Field<StringGraphType>("html").Description("The Markdown rendered as HTML, sanitized unless the field's settings turn that off.")
            .Resolve(c => c.RequestServices!.GetRequiredService<MarkdownRenderer>().ToHtml(
                JsonRead.String(c.Source.Value, "Markdown"),
                c.Source.Definition.Settings.GetSettings<BodyPartSettings>("MarkdownFieldSettings").SanitizeHtml));
    }
}
