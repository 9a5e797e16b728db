using System.Text.Json;

namespace ClinicCms.Content.ContentItems;

/// <summary>One root value of a content item (ContentItemId, Published, ...): its name, type, accessors and how it shows.</summary>
public sealed class RootValue
{
    /// <summary>The name in Orchard's JSON and on <see cref="ContentItem"/>.</summary>
    public required string Name { get; init; }

    /// <summary><see cref="string"/>, <see cref="bool"/> or <see cref="DateTime"/> (nullable, UTC).</summary>
    public required Type ClrType { get; init; }

    public required Func<ContentItem, object?> Get { get; init; }

    /// <summary>Sets the value; null sets a non-nullable value to its empty default.</summary>
    public required Action<ContentItem, object?> Set { get; init; }

    public string GraphQLName => JsonNamingPolicy.CamelCase.ConvertName(Name);

    /// <summary>Whether the GraphQL field is non-null (a missing user name reads as "" there).</summary>
    public bool GraphQLNonNull { get; init; }

    /// <summary>A user's id or name, which GraphQL hides from callers who may not see authors.</summary>
    public bool IsUserName { get; init; }

    /// <summary>Shown when the admin compares two versions (the other values differ between any two versions).</summary>
    public bool Compared { get; init; }
}

/// <summary>The root values of a content item, in Orchard's JSON order: the one list JSON, GraphQL and the admin read.</summary>
public static class ContentItemRoot
{
    public static IReadOnlyList<RootValue> Values { get; } =
    [
        Text(nameof(ContentItem.ContentItemId), i => i.ContentItemId, (i, v) => i.ContentItemId = v ?? "", nonNull: true),
        Text(nameof(ContentItem.ContentItemVersionId), i => i.ContentItemVersionId, (i, v) => i.ContentItemVersionId = v ?? ""),
        Text(nameof(ContentItem.ContentType), i => i.ContentType, (i, v) => i.ContentType = v ?? "", nonNull: true),
        Text(nameof(ContentItem.DisplayText), i => i.DisplayText, (i, v) => i.DisplayText = v, compared: true),
        Flag(nameof(ContentItem.Latest), i => i.Latest, (i, v) => i.Latest = v),
        Flag(nameof(ContentItem.Published), i => i.Published, (i, v) => i.Published = v),
        Date(nameof(ContentItem.ModifiedUtc), i => i.ModifiedUtc, (i, v) => i.ModifiedUtc = v),
        Date(nameof(ContentItem.PublishedUtc), i => i.PublishedUtc, (i, v) => i.PublishedUtc = v),
        Date(nameof(ContentItem.CreatedUtc), i => i.CreatedUtc, (i, v) => i.CreatedUtc = v),
        Text(nameof(ContentItem.Owner), i => i.Owner, (i, v) => i.Owner = v, userName: true),
        Text(nameof(ContentItem.Author), i => i.Author, (i, v) => i.Author = v, nonNull: true, userName: true),
    ];

    private static readonly Dictionary<string, RootValue> ByName = Values.ToDictionary(v => v.Name, StringComparer.Ordinal);

    /// <summary>The root value named <paramref name="name"/> (case-sensitive, as Orchard reads them), or null.</summary>
    public static RootValue? Find(string name) => ByName.GetValueOrDefault(name);

    private static RootValue Text(string name, Func<ContentItem, string?> get, Action<ContentItem, string?> set,
        bool nonNull = false, bool userName = false, bool compared = false) => new()
        {
            Name = name,
            ClrType = typeof(string),
            Get = get,
            Set = (item, value) => set(item, (string?)value),
            GraphQLNonNull = nonNull,
            IsUserName = userName,
            Compared = compared,
        };

    private static RootValue Flag(string name, Func<ContentItem, bool> get, Action<ContentItem, bool> set) => new()
    {
        Name = name,
        ClrType = typeof(bool),
        Get = item => get(item),
        Set = (item, value) => set(item, value is true),
        GraphQLNonNull = true,
    };

    private static RootValue Date(string name, Func<ContentItem, DateTime?> get, Action<ContentItem, DateTime?> set) => new()
    {
        Name = name,
        ClrType = typeof(DateTime),
        Get = item => get(item),
        Set = (item, value) => set(item, (DateTime?)value),
    };
}
