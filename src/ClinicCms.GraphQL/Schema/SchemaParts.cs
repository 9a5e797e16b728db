using ClinicCms.Content.Definitions;
using ClinicCms.GraphQL.Types;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>The types one schema build shares between content types: the interface, part types, part where inputs, names.</summary>
internal sealed class SchemaParts
{
    public SchemaParts(ContentDefinitionRecord definitions)
    {
        Definitions = definitions;
        ContentItem = new InterfaceGraphType { Name = "ContentItem", Description = "Any content item." };
        ContentItemFields.AddTo(ContentItem);
        ContentPicker = new ContentPickerFieldGraphType(ContentItem);
        MarkdownBody = new MarkdownBodyPartGraphType(MarkdownBodyPartGraphType.Settings(definitions));
    }

    public ContentDefinitionRecord Definitions { get; }
    public TypeNameRegistry Names { get; } = new();
    public InterfaceGraphType ContentItem { get; }
    public ContentPickerFieldGraphType ContentPicker { get; }
    public MarkdownBodyPartGraphType MarkdownBody { get; }

    /// <summary>Object types of named parts with fields, one per part definition.</summary>
    public Dictionary<string, ObjectGraphType> PartTypes { get; } = [];
}
