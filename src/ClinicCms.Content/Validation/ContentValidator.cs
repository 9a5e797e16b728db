using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.Validation;

/// <summary>
/// Checks an item against its type definition: the shape of every part and field ClinicCms understands, and the
/// rules their settings set (required, minimum/maximum, predefined values). Returns every error, never only the first.
/// Parts, and fields of kinds no <see cref="ContentFieldKind"/> is registered for, are not checked: they are kept as they are.
/// </summary>
public static class ContentValidator
{
    public static List<ContentError> Validate(ContentItem item, ContentDefinitionSet definitions, ContentFieldKinds kinds)
    {
        var errors = new List<ContentError>();
        // The columns' limits, checked here so both providers refuse alike and the error names the item
        // (PostgreSQL would refuse at save without saying which; SQLite would keep any length).
        TooLong(errors, "ContentItemId", item.ContentItemId, Store.ContentItemVersionRowConfiguration.IdLength);
        TooLong(errors, "ContentItemVersionId", item.ContentItemVersionId, Store.ContentItemVersionRowConfiguration.IdLength);
        TooLong(errors, "DisplayText", item.DisplayText, Store.ContentItemVersionRowConfiguration.DisplayTextLength);
        TooLong(errors, "Owner", item.Owner, Store.ContentItemVersionRowConfiguration.NameLength);
        TooLong(errors, "Author", item.Author, Store.ContentItemVersionRowConfiguration.NameLength);
        foreach (var (path, value) in new[] { ("ContentItemId", item.ContentItemId), ("ContentType", item.ContentType), ("DisplayText", item.DisplayText), ("Owner", item.Owner), ("Author", item.Author) })
        {
            if (!TextCheck.IsValid(value))
            {
                errors.Add(new ContentError(path, TextCheck.Problem));
            }
        }
        if (TextCheck.FindInvalid(item.Parts, "") is { } invalid)
        {
            errors.Add(new ContentError(invalid, TextCheck.Problem));
            return errors; // the part rules below would read the same text
        }
        var type = definitions.FindType(item.ContentType);
        if (type is null)
        {
            errors.Add(new ContentError("ContentType", $"the content type '{item.ContentType}' is not defined"));
            return errors;
        }
        foreach (var typePart in type.Parts)
        {
            var node = item.Parts[typePart.Name];
            if (node is not null and not JsonObject)
            {
                errors.Add(new ContentError(typePart.Name, $"expected an object, got {ContentItemJson.Describe(node)}"));
                continue;
            }
            PartRules.Check(typePart, node as JsonObject, errors);
        }
        foreach (var (typePart, field) in definitions.FieldsOf(type))
        {
            var node = (item.Parts[typePart.Name] as JsonObject)?[field.Name];
            var path = $"{typePart.Name}.{field.Name}";
            if (node is not null and not JsonObject)
            {
                errors.Add(new ContentError(path, $"expected an object, got {ContentItemJson.Describe(node)}"));
                continue;
            }
            kinds.Find(field.FieldName)?.Validate(new FieldCheck(field, node as JsonObject, path, errors));
        }
        return errors;
    }

    private static void TooLong(List<ContentError> errors, string path, string? value, int limit)
    {
        if (value is { Length: var length } && length > limit)
        {
            errors.Add(new ContentError(path, $"at most {limit} characters, got {length}"));
        }
    }
}
