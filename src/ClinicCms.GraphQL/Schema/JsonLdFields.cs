using ClinicCms.Content.StructuredData;
using ClinicCms.GraphQL.Queries;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>
/// The structured data fields: <c>jsonLd</c> on the content types schema.org describes (Content's ClinicJsonLd builds
/// it from the version read), and the root <c>faqPageJsonLd(category)</c> over the published FAQs.
/// </summary>
internal static class JsonLdFields
{
    public const string FaqType = "FAQ";

    public static void AddTo(ObjectGraphType objectType, string contentType)
    {
        if (!ClinicJsonLd.SchemaTypes.TryGetValue(contentType, out var schemaType) || objectType.HasField("jsonLd"))
        {
            return;
        }
        objectType.AddField(new FieldType
        {
            Name = "jsonLd",
            Type = typeof(StringGraphType),
            Description = $"schema.org JSON-LD ({schemaType}) of this version, as a JSON string for a script element of type application/ld+json.",
            Resolver = new FuncFieldResolver<object?>(c => ClinicJsonLd.For(((ContentNode)c.Source!).Item, Sources(c))),
        });
    }

    public static void AddRoot(ObjectGraphType query, Func<string, bool> hasType)
    {
        if (!hasType(FaqType) || query.HasField("faqPageJsonLd"))
        {
            return;
        }
        query.AddField(new FieldType
        {
            Name = "faqPageJsonLd",
            Type = typeof(StringGraphType),
            Description = "schema.org JSON-LD of an FAQPage: the published FAQs of the category (all when null) in their display order.",
            Arguments = new QueryArguments(new QueryArgument<StringGraphType> { Name = "category" }),
            Resolver = new FuncFieldResolver<object?>(async c => await FaqPageAsync(c)),
        });
    }

    private static async Task<object?> FaqPageAsync(IResolveFieldContext context)
    {
        var reads = ContentReadContext.Of(context);
        var view = await reads.Scopes.ViewAsync(FaqType);
        if (view == ReadScope.None)
        {
            throw new ExecutionError($"Authorization is required to access the node. {context.FieldDefinition.Name}") { Code = ContentListResolver.Unauthorized };
        }
        var category = context.GetArgument<string?>("category");
        var query = new ContentQuery(FaqType)
        {
            Owner = view == ReadScope.Own ? reads.Access.UserId(reads.User) ?? "\0" : null,
            Where = category is null ? null : new Comparison(new FieldTarget(FaqType, "Category", ScalarKind.Text), FilterOperator.Equal, category),
            OrderBy = [new OrderKey(new FieldTarget(FaqType, "Order", ScalarKind.Number), false), new OrderKey(new ColumnTarget("DisplayText", ScalarKind.Text), false)],
            First = reads.Options.MaxNumberOfResults,
        };
        try
        {
            var faqs = await reads.Reader.ListAsync(query, context.CancellationToken);
            reads.Tags.Type(FaqType);
            reads.Tags.Items(faqs);
            return ClinicJsonLd.FaqPage(faqs, Sources(context));
        }
        catch (ContentQueryException e)
        {
            throw new ExecutionError(e.Message, e); // an FAQ type without the clinic's Category and Order fields
        }
    }

    private static JsonLdSources Sources(IResolveFieldContext context)
    {
        var reads = ContentReadContext.Of(context);
        var baseUrl = ClinicCms.Content.Validation.HttpUrl.Parse(reads.Options.SiteBaseUrl);
        return new JsonLdSources(baseUrl, markdown => reads.Markdown.ToHtml(markdown, sanitize: true));
    }
}
