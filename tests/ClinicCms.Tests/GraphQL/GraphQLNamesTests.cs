using ClinicCms.Content.Fields;
using ClinicCms.GraphQL.Schema;

namespace ClinicCms.Tests.GraphQL;

public sealed class GraphQLNamesTests
{
    [Theory]
    [InlineData("HtmlBodyPart", "htmlBody")]
    [InlineData("PricePart", "price")]
    [InlineData("FAQ", "faq")]
    [InlineData("TreatmentOverview", "treatmentOverview")]
    [InlineData("Services", "services")]
    [InlineData("Part", "part")]
    [InlineData("SessionsMinimum", "sessionsMinimum")]
    [InlineData("2ndOpinion", "_2ndOpinion")]
    [InlineData("Hero-Image", "hero_Image")]
    public void A_field_name_drops_part_and_is_camel_cased(string name, string expected) =>
        Assert.Equal(expected, GraphQLNames.FieldName(name));

    [Fact]
    public void Every_field_kind_clinic_cms_understands_has_a_graphql_mapping()
    {
        string[] builtIn =
        [
            nameof(TextField), nameof(HtmlField), nameof(MarkdownField), nameof(NumericField), nameof(BooleanField), nameof(DateField),
            nameof(DateTimeField), nameof(TimeField), nameof(LinkField), nameof(ContentPickerField), nameof(MediaField), nameof(MultiTextField),
        ];
        Assert.Equal(builtIn.Order(), ContentFieldKinds.BuiltIn.Names.Order());
        Assert.All(ContentFieldKinds.BuiltIn.All, kind => Assert.NotNull(FieldKindTable.RowFor(kind)));
    }
}
