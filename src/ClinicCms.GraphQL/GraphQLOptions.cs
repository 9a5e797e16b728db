namespace ClinicCms.GraphQL;

/// <summary>The ClinicCms:GraphQL configuration section.</summary>
public sealed class GraphQLOptions
{
    public const string Section = "ClinicCms:GraphQL";

    /// <summary>Items a list field returns when <c>first</c> is not given (Orchard's DefaultNumberOfResults).</summary>
    public int DefaultNumberOfResults { get; set; } = 100;

    /// <summary>The largest <c>first</c> a query may ask for; more is a validation error.</summary>
    public int MaxNumberOfResults { get; set; } = 1000;

    /// <summary>Deepest nesting of selections; Orchard's default, which GraphiQL's introspection query fits in.</summary>
    public int MaxDepth { get; set; } = 100;

    /// <summary>Largest computed complexity of a query (fields times list multipliers).</summary>
    public int MaxComplexity { get; set; } = 250_000;

    /// <summary>
    /// Most tokens (names, punctuation, values) a query may have. Counted before parsing, so any body under the size
    /// limit costs little to refuse; the introspection query of GraphiQL and graphql-js has a few hundred.
    /// </summary>
    public int MaxTokens { get; set; } = 2000;

    /// <summary>Largest request body, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 128 * 1024;

    /// <summary>Parsed and validated documents kept, by query text.</summary>
    public int DocumentCacheSize { get; set; } = 1000;

    /// <summary>Keep finished responses of reads and answer repeats from memory; any change empties it.</summary>
    public bool ResponseCacheEnabled { get; set; } = true;

    /// <summary>Most bytes of responses (and their keys) the response cache holds.</summary>
    public long ResponseCacheSizeBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Longest a cached response lives. Changes made through this instance, or announced over Redis, empty the cache
    /// at once; this bounds how long a change written by another process without Redis stays unseen.
    /// </summary>
    public int ResponseCacheSeconds { get; set; } = 10;

    /// <summary>
    /// The widths and heights a media <c>url</c> may ask for: the media library's <c>ClinicCms:Media:SupportedSizes</c>,
    /// copied from that section when the options are built (see <see cref="GraphQLServiceCollectionExtensions"/>).
    /// </summary>
    public IReadOnlyList<int> MediaSizes { get; internal set; } = ClinicCms.Content.Media.ImageSizes.Default;

    /// <summary>
    /// The public address of the site that shows the content (https://clinic.example): JSON-LD <c>url</c>s are this
    /// and the item's path. None when empty; a value that is not an absolute http(s) URL is ignored.
    /// </summary>
    public string? SiteBaseUrl { get; set; }

    // PartsCacheSizeBytes and PublishedIndexMaxItems of this section are the readers': see ContentReadOptions.
}
