namespace ClinicCms.Content.Fields;

/// <summary>The registered field kinds, by name; a later registration of a name replaces an earlier one.</summary>
public sealed class ContentFieldKinds
{
    private readonly Dictionary<string, ContentFieldKind> _byName = new(StringComparer.Ordinal);

    public ContentFieldKinds(IEnumerable<ContentFieldKind> kinds)
    {
        foreach (var kind in kinds)
        {
            _byName[kind.Name] = kind;
        }
        All = [.. _byName.Values];
    }

    /// <summary>The kinds ClinicCms ships, for code that runs without a host (schema snapshots, tools).</summary>
    public static ContentFieldKinds BuiltIn { get; } = new(BuiltInKinds());

    public IReadOnlyList<ContentFieldKind> All { get; }

    public IEnumerable<string> Names => All.Select(k => k.Name);

    public ContentFieldKind? Find(string name) => _byName.GetValueOrDefault(name);

    internal static IEnumerable<ContentFieldKind> BuiltInKinds() =>
    [
        new TextField(), new HtmlField(), new MarkdownField(), new NumericField(), new BooleanField(), new DateField(),
        new DateTimeField(), new TimeField(), new LinkField(), new ContentPickerField(), new MediaField(), new MultiTextField(),
    ];
}
