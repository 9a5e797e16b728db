using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.GraphQL.Queries;
using GraphQL;
using GraphQL.Conversion;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>
/// Definitions in, schema out: an object type per content type implementing ContentItem, and for
/// each type without a stereotype a root list field (camel-cased type name) with where, orderBy, first, skip and
/// status, plus a total count beside it; contentItem(contentItemId) looks one published item up.
/// </summary>
public static class ContentSchemaBuilder
{
    public static ISchema Build(ContentDefinitionSet definitions, ContentFieldKinds fieldKinds)
    {
        var parts = new SchemaParts(definitions, fieldKinds);
        var query = new ObjectGraphType { Name = "Query" };
        var rootNames = new HashSet<string>(StringComparer.Ordinal) { "contentItem" };
        var objectTypes = new Dictionary<string, IObjectGraphType>(StringComparer.Ordinal);
        var status = StatusEnum();
        var direction = DirectionEnum();

        foreach (var type in definitions.Types)
        {
            if (type.Settings.GetSettings<GraphQLContentTypeSettings>().Hidden)
            {
                continue;
            }
            var objectType = new ObjectGraphType { Name = parts.Names.Claim(type.Name), Description = type.DisplayName };
            ContentItemFields.AddTo(objectType);
            objectType.AddResolvedInterface(parts.ContentItem);
            parts.ContentItem.AddPossibleType(objectType);
            var model = new TypeQueryModel(type.Name);
            var where = new WhereInputBuilder(new InputObjectGraphType { Name = parts.Names.Claim($"{objectType.Name}WhereInput") }, model.Filter);
            AddRootFilters(where, model);
            new TypeFieldsBuilder(parts, type, objectType, where, model).Build();
            JsonLdFields.AddTo(objectType, type.Name);
            where.AddLogic();
            objectTypes[type.Name] = objectType;

            var fieldName = GraphQLNames.Valid(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(type.Name));
            if (string.IsNullOrEmpty(type.TypeSettings.Stereotype) && rootNames.Add(fieldName) && rootNames.Add($"{fieldName}Count"))
            {
                var orderBy = OrderInput(parts.Names.Claim($"{objectType.Name}OrderByInput"), model, direction);
                AddListField(query, fieldName, objectType, where.Input, orderBy, status, model);
                AddCountField(query, $"{fieldName}Count", where.Input, status, model);
            }
        }

        parts.ContentItem.ResolveType = o => o is ContentNode n && objectTypes.TryGetValue(n.Item.ContentType, out var t) ? t : null;
        query.AddField(new FieldType
        {
            Name = "contentItem",
            Description = "One published content item, by its id.",
            ResolvedType = parts.ContentItem,
            Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "contentItemId" }),
            Resolver = new FuncFieldResolver<object?>(async c => await ContentListResolver.ItemAsync(c, objectTypes.ContainsKey)),
        });

        JsonLdFields.AddRoot(query, objectTypes.ContainsKey);
        CultureFields.AddRoot(query);
        if (rootNames.Add(SearchFields.FieldName))
        {
            SearchFields.AddRoot(query, parts.ContentItem, status, objectTypes.Keys);
        }

        var schema = new global::GraphQL.Types.Schema { Query = query, NameConverter = DefaultNameConverter.Instance };
        foreach (var objectType in objectTypes.Values)
        {
            schema.RegisterType(objectType);
        }
        schema.Initialize();
        return schema;
    }

    private static void AddRootFilters(WhereInputBuilder where, TypeQueryModel model)
    {
        where.Add("contentItemId", new ColumnTarget("ContentItemId", ScalarKind.Id), ScalarKind.Id);
        where.Add("contentItemVersionId", new ColumnTarget("ContentItemVersionId", ScalarKind.Id), ScalarKind.Id);
        foreach (var (name, column) in new[] { ("displayText", "DisplayText"), ("owner", "Owner"), ("author", "Author") })
        {
            where.Add(name, new ColumnTarget(column, ScalarKind.Text), ScalarKind.Text);
        }
        foreach (var (name, column) in new[] { ("createdUtc", "CreatedUtc"), ("modifiedUtc", "ModifiedUtc"), ("publishedUtc", "PublishedUtc") })
        {
            where.Add(name, new ColumnTarget(column, ScalarKind.DateTime), ScalarKind.DateTime);
        }
        foreach (var (name, column, kind) in new[]
        {
            ("contentItemId", "ContentItemId", ScalarKind.Text), ("contentItemVersionId", "ContentItemVersionId", ScalarKind.Text),
            ("contentType", "ContentType", ScalarKind.Text), ("displayText", "DisplayText", ScalarKind.Text),
            ("published", "Published", ScalarKind.Boolean), ("latest", "Latest", ScalarKind.Boolean),
            ("createdUtc", "CreatedUtc", ScalarKind.DateTime), ("modifiedUtc", "ModifiedUtc", ScalarKind.DateTime),
            ("publishedUtc", "PublishedUtc", ScalarKind.DateTime), ("owner", "Owner", ScalarKind.Text), ("author", "Author", ScalarKind.Text),
        })
        {
            model.Order[name] = new ColumnTarget(column, kind);
        }
    }

    private static InputObjectGraphType OrderInput(string name, TypeQueryModel model, EnumerationGraphType direction)
    {
        var input = new InputObjectGraphType { Name = name, Description = "Sort keys, applied in the order given." };
        foreach (var key in model.Order.Keys)
        {
            input.AddField(new FieldType { Name = key, ResolvedType = direction });
        }
        return input;
    }

    private static void AddListField(ObjectGraphType query, string name, IObjectGraphType type, IInputObjectGraphType where,
        IInputObjectGraphType orderBy, EnumerationGraphType status, TypeQueryModel model) =>
        query.AddField(new FieldType
        {
            Name = name,
            ResolvedType = new ListGraphType(type),
            Arguments = new QueryArguments(
                new QueryArgument(where) { Name = "where" },
                new QueryArgument(orderBy) { Name = "orderBy" },
                new QueryArgument<IntGraphType> { Name = "first" },
                new QueryArgument<IntGraphType> { Name = "skip" },
                new QueryArgument(status) { Name = "status", DefaultValue = PublicationStatus.Published }).WithCulture(model),
            Resolver = new FuncFieldResolver<object?>(async c => await ContentListResolver.ListAsync(c, model)),
        });

    private static void AddCountField(ObjectGraphType query, string name, IInputObjectGraphType where, EnumerationGraphType status, TypeQueryModel model) =>
        query.AddField(new FieldType
        {
            Name = name,
            Description = "How many items the list field with the same where and status returns without paging.",
            Type = typeof(NonNullGraphType<IntGraphType>),
            Arguments = new QueryArguments(
                new QueryArgument(where) { Name = "where" },
                new QueryArgument(status) { Name = "status", DefaultValue = PublicationStatus.Published }).WithCulture(model),
            Resolver = new FuncFieldResolver<object?>(async c => await ContentListResolver.CountAsync(c, model)),
        });

    private static EnumerationGraphType StatusEnum()
    {
        var status = new EnumerationGraphType { Name = "Status", Description = "Which versions to return." };
        status.Add("PUBLISHED", PublicationStatus.Published, "Published versions.");
        status.Add("DRAFT", PublicationStatus.Draft, "Latest versions that are not published.");
        status.Add("LATEST", PublicationStatus.Latest, "The latest version of each item.");
        status.Add("ALL", PublicationStatus.All, "Every version.");
        return status;
    }

    private static EnumerationGraphType DirectionEnum()
    {
        var direction = new EnumerationGraphType { Name = "OrderByDirection" };
        direction.Add("ASC", "ASC", "Ascending.");
        direction.Add("DESC", "DESC", "Descending.");
        return direction;
    }
}
