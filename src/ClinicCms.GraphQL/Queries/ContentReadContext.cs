using System.Security.Claims;
using ClinicCms.GraphQL.Rendering;
using GraphQL;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// Everything the resolvers of one GraphQL request use, handed to them as the execution's user context: the content
/// reader, the caller and their read rights, the limits, the Markdown renderer, and the request's picker batches.
/// Resolvers take nothing from the service provider.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix",
    Justification = "GraphQL.NET types the user context as a dictionary; this is a context, used through its properties.")]
public sealed class ContentReadContext(IContentReader reader, IContentReadAccess access, GraphQLOptions options, MarkdownRenderer markdown, ClaimsPrincipal user)
    : Dictionary<string, object?>
{
    private ReadScopes? _scopes;
    private PickerLoader? _pickers;
    private LocalizationLoader? _localizations;

    public IContentReader Reader { get; } = reader;

    public IContentReadAccess Access { get; } = access;

    public GraphQLOptions Options { get; } = options;

    public MarkdownRenderer Markdown { get; } = markdown;

    public ClaimsPrincipal User { get; } = user;

    /// <summary>Media files' versions, for resized images' URLs; null in a host without a media library.</summary>
    public ClinicCms.Content.Media.IMediaVersions? MediaVersions { get; init; }

    /// <summary>The site's cultures, for siteCultures (the reader resolves a fallback's default culture itself); null in a host without them.</summary>
    public Func<CancellationToken, ValueTask<ClinicCms.Content.Localization.LocalizationSettings?>>? SiteCultures { get; init; }
    /// <summary>Site search; null in a host without it.</summary>
    public ClinicCms.Content.Search.IContentSearch? Search { get; init; }

    /// <summary>Null when the caller may search once more, else why not (see <see cref="ISearchBudget"/>); null in a host without a search limit.</summary>
    public Func<string?>? SearchRefusal { get; init; }

    /// <summary>The caller's view scopes, asked once per type.</summary>
    public ReadScopes Scopes => _scopes ??= new ReadScopes(Access, User);

    /// <summary>Picker targets, loaded once per picker field per batch of items.</summary>
    public PickerLoader Pickers => _pickers ??= new PickerLoader(Reader, Scopes, Tags);

    /// <summary>Localization sets, loaded once per batch of items and culture.</summary>
    public LocalizationLoader Localizations => _localizations ??= new LocalizationLoader(this);

    /// <summary>What the answer read, for its Cache-Tag header.</summary>
    public Execution.ReadTags Tags { get; } = new();

    /// <summary>The context of the request a resolver runs in.</summary>
    public static ContentReadContext Of(IResolveFieldContext context) =>
        context.UserContext as ContentReadContext ?? throw new InvalidOperationException("GraphQL ran without a ContentReadContext.");
}
