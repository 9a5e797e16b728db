using System.Collections.Concurrent;
using ClinicCms.Content.Definitions;
using ClinicCms.GraphQL.Queries;
using GraphQL;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

public sealed class MarkdownBodyPartGraphType : ObjectGraphType<PartSource>
{
    public MarkdownBodyPartGraphType(Func<string, bool> sanitizeFor)
    {
        Name = "MarkdownBodyPart";
        Description = "The body of the item, in Markdown and rendered as HTML.";
        Field<StringGraphType>("markdown").Resolve(c => JsonRead.String(c.Source.Value, "Markdown"));
        Field<StringGraphType>("html").Description("The Markdown rendered as HTML, sanitized unless the part's settings turn that off.")
            .Resolve(c => ContentReadContext.Of(c).Markdown
                .ToHtml(JsonRead.String(c.Source.Value, "Markdown"), sanitizeFor(c.Source.Node.Item.ContentType)));
    }

    /// <summary>
    /// The MarkdownBodyPartSettings.SanitizeHtml of each type with the part, read once per type for the schema's
    /// definitions (a definitions change builds a new schema) rather than deserialized for every item.
    /// </summary>
    public static Func<string, bool> Settings(ContentDefinitionSet definitions)
    {
        var byType = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        return type => byType.GetOrAdd(type, t => definitions.FindType(t)?.Parts.Find(p => p.PartName == "MarkdownBodyPart")?.Settings
            .GetSettings<BodyPartSettings>("MarkdownBodyPartSettings").SanitizeHtml ?? true);
    }
}
