using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.GraphQL.Types;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>The types one schema build shares between content types: the interface, part types, part where inputs, names.</summary>
internal sealed class SchemaParts
{
    public SchemaParts(ContentDefinitionSet definitions, ContentFieldKinds fieldKinds)
    {
        Definitions = definitions;
        _fieldKinds = fieldKinds;
        ContentItem = new InterfaceGraphType { Name = "ContentItem", Description = "Any content item." };
        ContentItemFields.AddTo(ContentItem);
        ContentPicker = new ContentPickerFieldGraphType(ContentItem);
        MarkdownBody = new MarkdownBodyPartGraphType(MarkdownBodyPartGraphType.Settings(definitions));
    }

    private readonly ContentFieldKinds _fieldKinds;
    private readonly Dictionary<string, FieldKindRow?> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IGraphType> _shared = new(StringComparer.Ordinal);

    public ContentDefinitionSet Definitions { get; }
    public TypeNameRegistry Names { get; } = new();
    public InterfaceGraphType ContentItem { get; }
    public ContentPickerFieldGraphType ContentPicker { get; }
    public MarkdownBodyPartGraphType MarkdownBody { get; }

    /// <summary>SeoMetaPart's type, sharing the MediaField type with the media fields of the schema.</summary>
    public IGraphType SeoMeta => Shared("SeoMetaPart", () => new SeoMetaPartGraphType(Shared("MediaField", () => new MediaFieldGraphType())));

    /// <summary>LocalizationPart's type, whose localizations are items of any type.</summary>
    public IGraphType Localization => Shared("LocalizationPart", () => new LocalizationPartGraphType(ContentItem));

    /// <summary>Object types of named parts with fields, one per part definition.</summary>
    public Dictionary<string, ObjectGraphType> PartTypes { get; } = [];

    /// <summary>The GraphQL row of a field kind; null for a kind nobody registered or one without a graph shape.</summary>
    public FieldKindRow? FieldRow(string fieldKind)
    {
        if (!_rows.TryGetValue(fieldKind, out var row))
        {
            row = _fieldKinds.Find(fieldKind) is { } kind ? FieldKindTable.RowFor(kind) : null;
            _rows[fieldKind] = row;
        }
        return row;
    }

    /// <summary>One instance per schema of a graph type made for field kinds (a schema holds one type per name).</summary>
    public IGraphType Shared(string name, Func<IGraphType> create)
    {
        if (!_shared.TryGetValue(name, out var type))
        {
            type = create();
            _shared[name] = type;
        }
        return type;
    }
}
