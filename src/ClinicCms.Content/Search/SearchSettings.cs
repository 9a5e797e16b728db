using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Search;

/// <summary>
/// A content type's search settings (<c>"SearchSettings"</c> in the type's Settings; ClinicCms's own, Orchard keeps it
/// verbatim). <see cref="Weights"/> names a text by <c>DisplayText</c>, a body part (<c>HtmlBodyPart</c>,
/// <c>MarkdownBodyPart</c>) or a field (<c>Part.Field</c>, for text, Markdown and HTML fields). A text not named
/// there gets the default: the title High, bodies and fields Normal. Saving changed settings rebuilds the type's index
/// in the same transaction (see <see cref="SearchIndexer"/>).
/// </summary>
public sealed class SearchSettings
{
    public const string DisplayText = "DisplayText";

    /// <summary>Leaves the type out of search altogether.</summary>
    public bool Disabled { get; set; }

    public Dictionary<string, SearchWeight> Weights { get; set; } = [];

    public static SearchSettings Of(ContentTypeDefinition type) => type.Settings.GetSettings<SearchSettings>();

    public SearchWeight WeightOf(string source) =>
        Weights.TryGetValue(source, out var weight) ? weight : source == DisplayText ? SearchWeight.High : SearchWeight.Normal;
}
