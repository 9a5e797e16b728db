using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Validation;

/// <summary>
/// Checks that content pickers point at items of the types their settings allow, with one query for a whole batch.
/// Ids of items that do not exist are accepted (a recipe may link items it creates later, as Orchard allows).
/// </summary>
public sealed class PickerTargetValidator(ClinicCmsDbContext db)
{
    public async Task<List<(ContentItem Item, ContentError Error)>> ValidateAsync(
        IReadOnlyCollection<ContentItem> items, ContentDefinitionSet definitions, CancellationToken cancellationToken = default)
    {
        var checks = new List<(ContentItem Item, string Path, HashSet<string> Allowed, string TargetId)>();
        foreach (var item in items)
        {
            if (definitions.FindType(item.ContentType) is not { } type)
            {
                continue;
            }
            foreach (var (typePart, field) in definitions.FieldsOf(type).Where(f => f.Field.FieldName == nameof(Fields.ContentPickerField)))
            {
                var settings = field.Settings.GetSettings<ContentPickerFieldSettings>();
                if (settings.DisplayAllContentTypes || settings.DisplayedContentTypes.Count == 0)
                {
                    continue;
                }
                var ids = item.Field(typePart.Name, field.Name)?["ContentItemIds"]?.AsArray().Select(v => v?.GetValue<string>());
                foreach (var id in ids?.OfType<string>() ?? [])
                {
                    checks.Add((item, $"{typePart.Name}.{field.Name}", [.. settings.DisplayedContentTypes], id));
                }
            }
        }
        var errors = new List<(ContentItem, ContentError)>();
        if (checks.Count == 0)
        {
            return errors;
        }
        var types = await TypesOfAsync(checks.Select(c => c.TargetId).Distinct().ToList(), cancellationToken);
        foreach (var check in checks)
        {
            if (types.TryGetValue(check.TargetId, out var targetType) && !check.Allowed.Contains(targetType))
            {
                errors.Add((check.Item, new ContentError(check.Path,
                    $"'{check.TargetId}' is a {targetType}; this picker accepts {string.Join(", ", check.Allowed)}")));
            }
        }
        return errors;
    }

    private async Task<Dictionary<string, string>> TypesOfAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var types = new Dictionary<string, string>();
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.ContentItems.AsNoTracking()
                .Where(r => chunk.Contains(r.ContentItemId) && (r.Latest || r.Published))
                .Select(r => new { r.ContentItemId, r.ContentType })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                types[row.ContentItemId] = row.ContentType;
            }
        }
        return types;
    }
}
