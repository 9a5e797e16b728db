using ClinicCms.GraphQL.Queries;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

/// <summary>Orchard's LocalizationPart: the item's culture, its localization set, and the set's items.</summary>
public sealed class LocalizationPartGraphType : ObjectGraphType<PartSource>
{
    public LocalizationPartGraphType(IInterfaceGraphType contentItem)
    {
        Name = "LocalizationPart";
        Description = "Localization cultures for your content item.";
        Field<StringGraphType>("culture").Description("The culture of the content item.").Resolve(c => JsonRead.String(c.Source.Value, "Culture"));
        Field<StringGraphType>("localizationSet").Description("The localization set: the items in other cultures share it.")
            .Resolve(c => JsonRead.String(c.Source.Value, "LocalizationSet"));
        Field("localizations", new ListGraphType(contentItem))
            .Description("The items of the localization set the caller may see, this one included; only the one in a culture when it is given.")
            .Arguments(new QueryArgument<StringGraphType> { Name = "culture", Description = "Only the item in this culture." })
            .Resolve(new FuncFieldResolver<PartSource, List<ContentNode>>(async c => await LocalizationResolver.LocalizationsAsync(c)));
    }
}
