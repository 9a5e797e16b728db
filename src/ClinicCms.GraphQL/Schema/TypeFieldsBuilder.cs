using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;
using ClinicCms.GraphQL.Execution;
using ClinicCms.GraphQL.Queries;
using ClinicCms.GraphQL.Types;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>
/// Adds a content type's parts to its object type, where input and order model: the type's own part
/// and AutoroutePart are collapsed onto the item, as are parts whose settings say Collapse; other parts with
/// fields become a field named after the part minus "Part". TitlePart and CommonPart are not exposed.
/// </summary>
internal sealed class TypeFieldsBuilder(SchemaParts parts, ContentTypeDefinition type, ObjectGraphType objectType, WhereInputBuilder where, TypeQueryModel model)
{
    private readonly HashSet<string> _names = [.. objectType.Fields.Select(f => f.Name)];

    public void Build()
    {
        foreach (var typePart in type.Parts)
        {
            var settings = typePart.Settings.GetSettings<GraphQLContentTypePartSettings>();
            if (settings.Hidden)
            {
                continue;
            }
            switch (typePart.PartName)
            {
                case PartNames.TitlePart or PartNames.CommonPart:
                    continue;
                case PartNames.AutoroutePart:
                    AddPath(typePart);
                    continue;
                case PartNames.HtmlBodyPart:
                    AddPart(typePart, new FieldType { Type = typeof(HtmlBodyPartGraphType) });
                    continue;
                case PartNames.MarkdownBodyPart:
                    AddPart(typePart, new FieldType { ResolvedType = parts.MarkdownBody });
                    continue;
                case PartNames.MedicalReviewPart:
                    AddPart(typePart, new FieldType { Type = typeof(MedicalReviewPartGraphType) }, nullWhenAbsent: true);
                    continue;
                case PartNames.SeoMetaPart:
                    AddPart(typePart, new FieldType { ResolvedType = parts.SeoMeta });
                    continue;
                case PartNames.LocalizationPart:
                    AddLocalization(typePart);
                    continue;
            }
            if (parts.Definitions.FindPart(typePart.PartName) is not { Fields.Count: > 0 } definition)
            {
                continue; // a part ClinicCms does not understand, with no fields of its own: kept in storage, not exposed
            }
            if (typePart.PartName == type.Name || settings.Collapse)
            {
                AddCollapsed(typePart, definition, settings.PreventFieldNameCollision);
            }
            else
            {
                AddNamedPart(typePart, definition);
            }
        }
    }

    private void AddPath(ContentTypePartDefinition typePart)
    {
        Add(objectType, new FieldType
        {
            Name = "path",
            Type = typeof(StringGraphType),
            Resolver = new SourceReadResolver(source => JsonRead.String(Part(source, typePart.Name).Value, "Path")),
        });
        var target = new ColumnTarget("Path", ScalarKind.Text);
        where.Add("path", target, ScalarKind.Text);
        model.Order.TryAdd("path", target);
    }

    // Orchard's names: the part as localizationPart, and where: { localizationPart: { culture, localizationSet } } on its columns.
    private void AddLocalization(ContentTypePartDefinition typePart)
    {
        const string name = "localizationPart";
        AddPart(typePart, new FieldType { Name = name, ResolvedType = parts.Localization }, nullWhenAbsent: true);
        var nested = new WhereInputBuilder(new InputObjectGraphType { Name = parts.Names.Claim($"{objectType.Name}LocalizationPartWhereInput") }, new FilterModel());
        nested.Add("culture", new ColumnTarget("Culture", ScalarKind.Text), ScalarKind.Text);
        nested.Add("localizationSet", new ColumnTarget("LocalizationSet", ScalarKind.Text), ScalarKind.Text);
        where.AddNested(name, nested.Input, nested.Model);
        model.Localized = true;
    }

    private void AddPart(ContentTypePartDefinition typePart, FieldType field, bool nullWhenAbsent = false)
    {
        field.Name ??= GraphQLNames.FieldName(typePart.Name);
        field.Resolver = new FuncFieldResolver<object?>(c => PartSource(c.Source, typePart.Name) is var part && (part.Value is not null || !nullWhenAbsent) ? part : null);
        Add(objectType, field);
    }

    private void AddCollapsed(ContentTypePartDefinition typePart, ContentPartDefinition definition, bool prefix)
    {
        foreach (var field in definition.Fields)
        {
            var name = prefix ? GraphQLNames.FieldName(typePart.Name) + GraphQLNames.Valid(field.Name) : GraphQLNames.FieldName(field.Name);
            if (AddField(objectType, name, typePart.Name, field) is { } kind)
            {
                var target = new FieldTarget(typePart.Name, field.Name, kind);
                where.Add(name, target, kind);
                model.Order.TryAdd(name, target);
            }
        }
    }

    private void AddNamedPart(ContentTypePartDefinition typePart, ContentPartDefinition definition)
    {
        if (!parts.PartTypes.TryGetValue(definition.Name, out var partType))
        {
            partType = new ObjectGraphType { Name = parts.Names.Claim(definition.Name) };
            foreach (var field in definition.Fields)
            {
                AddField(partType, GraphQLNames.FieldName(field.Name), null, field);
            }
            parts.PartTypes[definition.Name] = partType;
        }
        AddPart(typePart, new FieldType { ResolvedType = partType });

        var nested = new WhereInputBuilder(new InputObjectGraphType { Name = parts.Names.Claim($"{objectType.Name}{GraphQLNames.Valid(typePart.Name)}WhereInput") }, new FilterModel());
        foreach (var field in definition.Fields)
        {
            if (parts.FieldRow(field.FieldName) is { Scalar: { } kind })
            {
                nested.Add(GraphQLNames.FieldName(field.Name), new FieldTarget(typePart.Name, field.Name, kind), kind);
            }
        }
        if (nested.Model.Keys.Count > 0)
        {
            where.AddNested(GraphQLNames.FieldName(typePart.Name), nested.Input, nested.Model);
        }
    }

    /// <summary>Adds a field of a part to <paramref name="owner"/>; returns its scalar kind when it can filter and sort.</summary>
    private ScalarKind? AddField(ObjectGraphType owner, string name, string? collapsedPart, ContentPartFieldDefinition field)
    {
        if (parts.FieldRow(field.FieldName) is not { } row)
        {
            return null; // a field kind nobody registered: kept in storage, not exposed
        }
        var added = Add(owner, new FieldType
        {
            Name = name,
            Description = Describe(field),
            Type = row.Output,
            ResolvedType = row.DynamicOutput?.Invoke(parts),
            Resolver = new SourceReadResolver(source =>
            {
                var (node, json) = collapsedPart is null ? Part(source, null) : Part(source, collapsedPart);
                var partName = collapsedPart ?? ((PartSource)source!).PartName;
                return row.Resolve(new FieldSource(node, partName, field, json?[field.Name] as JsonObject));
            }),
        });
        return added ? row.Scalar : null;
    }

    // The field's description, else the hint its settings give editors, else its display name.
    private static string? Describe(ContentPartFieldDefinition field) =>
        field.FieldSettings.Description is { Length: > 0 } description ? description
        : field.Settings[$"{field.FieldName}Settings"]?["Hint"]?.GetValue<string>() is { Length: > 0 } hint ? hint
        : field.FieldSettings.DisplayName;

    private bool Add(ObjectGraphType owner, FieldType field)
    {
        var names = owner == objectType ? _names : [.. owner.Fields.Select(f => f.Name)];
        if (!names.Add(field.Name))
        {
            return false; // the first of two fields with one name wins; the definition can rename or set PreventFieldNameCollision
        }
        owner.AddField(field);
        return true;
    }

    private static PartSource PartSource(object? source, string partName)
    {
        var (node, json) = Part(source, partName);
        return new PartSource(node, partName, json);
    }

    private static (ContentNode Node, JsonObject? Value) Part(object? source, string? partName) => source switch
    {
        ContentNode node => (node, partName is null ? null : node.Item.Parts[partName] as JsonObject),
        PartSource part => (part.Node, part.Value),
        _ => throw new InvalidOperationException($"Unexpected GraphQL source {source?.GetType().Name ?? "null"}."),
    };
}
