using ClinicCms.GraphQL.Queries;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

/// <summary>Orchard's ContentPickerField: ids, and the published items they point at, loaded in batches.</summary>
public sealed class ContentPickerFieldGraphType : ObjectGraphType<FieldSource>
{
    public ContentPickerFieldGraphType(IInterfaceGraphType contentItem)
    {
        Name = "ContentPickerField";
        Field<ListGraphType<StringGraphType>>("contentItemIds")
            .Arguments(ListArguments.FirstLastSkip())
            .Resolve(c => ListArguments.Slice(JsonRead.Strings(c.Source.Value, "ContentItemIds"), c));
        Field("contentItems", new ListGraphType(contentItem))
            .Description("The published items picked that the caller may see, in the order they were picked; first, last and skip count among those.")
            .Arguments(ListArguments.FirstLastSkip())
            .Resolve(new FuncFieldResolver<FieldSource, IReadOnlyList<ContentNode>>(async c =>
                await ContentReadContext.Of(c).Pickers.LoadAsync(c.Source, c)));
    }
}
