using ClinicCms.Content.Localization;
using ClinicCms.GraphQL.Queries;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>Orchard's <c>siteCultures { culture default }</c>, and ClinicCms's culture and fallback arguments on the list fields of localized types.</summary>
internal static class CultureFields
{
    public static void AddRoot(ObjectGraphType query)
    {
        if (query.HasField("siteCultures"))
        {
            return; // a content type took the name first
        }
        var siteCulture = new ObjectGraphType { Name = "SiteCulture", Description = "A culture of the site." };
        siteCulture.Field<StringGraphType>("culture").Description("The culture code.").Resolve(c => ((SiteCulture)c.Source!).Culture);
        siteCulture.Field<BooleanGraphType>("default").Description("Whether it is the site's default culture.").Resolve(c => ((SiteCulture)c.Source!).Default);
        query.AddField(new FieldType
        {
            Name = "siteCultures",
            Description = "The site's cultures (its LocalizationSettings); empty when it sets none.",
            ResolvedType = new ListGraphType(siteCulture),
            Resolver = new FuncFieldResolver<object?>(async c =>
                ContentReadContext.Of(c).SiteCultures is { } read && await read(c.CancellationToken) is { } settings
                    ? settings.SupportedCultures.Select(culture => new SiteCulture(culture, culture == settings.DefaultCulture)).ToList()
                    : []),
        });
    }

    /// <summary>Adds culture and fallback to the arguments of a localized type's list or count field.</summary>
    public static QueryArguments WithCulture(this QueryArguments arguments, TypeQueryModel model)
    {
        if (model.Localized)
        {
            arguments.Add(new QueryArgument<StringGraphType> { Name = "culture", Description = "Only items in this culture (LocalizationPart.Culture); every culture when not given." });
            arguments.Add(new QueryArgument<BooleanGraphType>
            {
                Name = "fallback",
                Description = "With culture: per localization set, the item in that culture where it exists, else the one in the site's default culture.",
            });
        }
        return arguments;
    }

    private sealed record SiteCulture(string Culture, bool Default);
}
