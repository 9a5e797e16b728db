using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using Fluid;
using Fluid.Values;

namespace ClinicCms.Content.Preparation;

/// <summary>
/// Renders AutoroutePart patterns with Fluid, as Orchard renders them with Liquid. The item is exposed both as
/// <c>ContentItem</c> and <c>Model.ContentItem</c>, with Orchard's <c>slugify</c> and <c>display_text</c> filters.
/// </summary>
public sealed class PathPatternRenderer
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();
    private readonly ConcurrentDictionary<string, IFluidTemplate?> _templates = new();

    public static string? TryParseError(string pattern) => Parser.TryParse(pattern, out _, out var error) ? null : error;

    public string Render(string pattern, ContentItem item)
    {
        var template = _templates.GetOrAdd(pattern, p => Parser.TryParse(p, out var t, out _) ? t : null)
            ?? throw new InvalidOperationException($"The path pattern '{pattern}' is not valid Liquid.");
        var model = ToModel(item);
        var context = new TemplateContext(Options);
        context.SetValue("ContentItem", model);
        context.SetValue("Model", new Dictionary<string, object?> { ["ContentItem"] = model });
        return template.Render(context).Trim();
    }

    private static Dictionary<string, object?> ToModel(ContentItem item)
    {
        var model = new Dictionary<string, object?>
        {
            ["ContentItemId"] = item.ContentItemId,
            ["ContentType"] = item.ContentType,
            ["DisplayText"] = item.DisplayText,
            ["CreatedUtc"] = item.CreatedUtc,
            ["PublishedUtc"] = item.PublishedUtc,
            ["Owner"] = item.Owner,
            ["Author"] = item.Author,
            ["Content"] = ToPlain(item.Parts),
        };
        return model;
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => JsonNumbers.ToDecimal(v),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions();
        options.Filters.AddFilter("slugify", (input, _, _) => new ValueTask<FluidValue>(new StringValue(Slug.Slugify(input.ToStringValue()))));
        options.Filters.AddFilter("display_text", (input, _, context) => input.GetValueAsync("DisplayText", context));
        return options;
    }
}
