using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.Store;

/// <summary>Copies between a content item and its row: root values to columns, parts to the JSON column.</summary>
public static class ContentItemMapper
{
    public static ContentItem ToItem(ContentItemVersionRow record) => ContentItemJson.ParseParts(RootValues(record), record.Content);

    /// <summary>The row's root values with parts parsed earlier (the row's Content may not have been read).</summary>
    public static ContentItem ToItem(ContentItemVersionRow record, System.Text.Json.Nodes.JsonObject parts)
    {
        var item = RootValues(record);
        item.Parts = parts;
        return item;
    }

    private static ContentItem RootValues(ContentItemVersionRow record) => new()
    {
        ContentItemId = record.ContentItemId,
        ContentItemVersionId = record.ContentItemVersionId,
        ContentType = record.ContentType,
        DisplayText = record.DisplayText,
        Latest = record.Latest,
        Published = record.Published,
        CreatedUtc = AsUtc(record.CreatedUtc),
        ModifiedUtc = AsUtc(record.ModifiedUtc),
        PublishedUtc = AsUtc(record.PublishedUtc),
        Owner = record.Owner,
        Author = record.Author,
        ConcurrencyStamp = record.ConcurrencyStamp,
    };

    /// <summary>Writes the item into the row and gives the row a new concurrency stamp.</summary>
    public static void CopyTo(ContentItem item, ContentItemVersionRow record)
    {
        record.ContentItemId = item.ContentItemId;
        record.ContentItemVersionId = item.ContentItemVersionId;
        record.ContentType = item.ContentType;
        record.DisplayText = Truncate(item.DisplayText, ContentItemVersionRowConfiguration.DisplayTextLength);
        record.Latest = item.Latest;
        record.Published = item.Published;
        record.CreatedUtc = item.CreatedUtc;
        record.ModifiedUtc = item.ModifiedUtc;
        record.PublishedUtc = item.PublishedUtc;
        record.Owner = Truncate(item.Owner, ContentItemVersionRowConfiguration.NameLength);
        record.Author = Truncate(item.Author, ContentItemVersionRowConfiguration.NameLength);
        record.Path = Truncate(item.Part(PartNames.AutoroutePart).GetString("Path"), ContentItemVersionRowConfiguration.PathLength);
        var localization = item.Get<LocalizationPart>(PartNames.LocalizationPart);
        record.Culture = Truncate(localization.Culture, Localization.CultureName.MaxLength);
        record.LocalizationSet = Truncate(localization.LocalizationSet, ContentItemVersionRowConfiguration.NameLength);
        record.Content = ContentItemJson.SerializeParts(item);
        record.ScheduledUtc = Scheduling.ScheduleParts.DueUtc(item);
        record.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        item.ConcurrencyStamp = record.ConcurrencyStamp;
    }

    public static ContentItemVersionRow ToRow(ContentItem item)
    {
        var record = new ContentItemVersionRow();
        CopyTo(item, record);
        return record;
    }

    private static DateTime? AsUtc(DateTime? value) =>
        value is { } date ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : null;

    private static string? Truncate(string? text, int length) =>
        text is not null && text.Length > length ? text[..length] : text;
}
