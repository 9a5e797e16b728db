using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.GraphQL;

/// <summary>The query shapes of Orchard's DynamicContentTypeQueryTests on a recipe of our own with the same shapes, on each reader.</summary>
public abstract class ProductShapeQueryTests(ReaderSite site)
{
    private const string Fields = "contentItemId displayText price { amount } sku metadataCode metadataAvailabilityDate";

    public static string Recipe => Path.Combine(AppContext.BaseDirectory, "GraphQL", "Files", "product-shapes.recipe.json");

    private async Task<GraphQLClient> GraphQLAsync() => new((await site.AppAsync()).CreateClient());

    [Fact]
    public async Task A_plain_parts_field_filters_through_the_part()
    {
        var data = await (await GraphQLAsync()).DataAsync($"{{ product(where: {{ price: {{ amount_gt: 20 }} }}) {{ {Fields} }} }}");

        var product = Assert.Single(data["product"]!.AsArray())!;
        Assert.Equal("Red chair", product["displayText"]!.GetValue<string>());
        Assert.Equal(40m, product["price"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("6000-55", product["sku"]!.GetValue<string>());
        Assert.Equal("200000222", product["metadataCode"]!.GetValue<string>());
        Assert.Equal("2024-06-20", product["metadataAvailabilityDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Collapsed_fields_filter_at_the_root_with_and_without_the_part_prefix()
    {
        var data = await (await GraphQLAsync()).DataAsync("""
            { bySku: product(where: { sku_starts_with: "5000" }) { displayText }
              byCode: product(where: { metadataCode: "200000222" }) { displayText } }
            """);

        Assert.Equal("Blue lamp", Assert.Single(data["bySku"]!.AsArray())!["displayText"]!.GetValue<string>());
        Assert.Equal("Red chair", Assert.Single(data["byCode"]!.AsArray())!["displayText"]!.GetValue<string>());
    }

    [Fact]
    public async Task And_or_combine_fields_of_several_parts()
    {
        var data = await (await GraphQLAsync()).DataAsync($$"""
            { product(where: { AND: { OR: { price: { amount: 15 }, sku_ends_with: "55" }, metadataAvailabilityDate_gt: "2024-05-01" } },
                      orderBy: { createdUtc: ASC }) { {{Fields}} } }
            """);

        // The blue lamp matches the OR but is available before May; only the red chair matches both.
        Assert.Equal("Red chair", Assert.Single(data["product"]!.AsArray())!["displayText"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_field_filter_is_scoped_to_its_own_field_unlike_orchard_bug_17323()
    {
        var data = await (await GraphQLAsync()).DataAsync("""
            { numberType(where: { value: 456 }) { value }
              stringType(where: { value: "Word456" }) { value }
              wrongField: twoNumbersType(where: { field1: 700 }) { field1 field2 }
              rightField: twoNumbersType(where: { field2: 700 }) { field1 field2 } }
            """);

        Assert.Equal(456m, Assert.Single(data["numberType"]!.AsArray())!["value"]!.GetValue<decimal>());
        Assert.Equal("Word456", Assert.Single(data["stringType"]!.AsArray())!["value"]!.GetValue<string>());
        Assert.Empty(data["wrongField"]!.AsArray());
        Assert.Equal(300m, Assert.Single(data["rightField"]!.AsArray())!["field1"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Order_by_takes_the_types_own_fields_and_orchards_columns_in_the_given_order()
    {
        var data = await (await GraphQLAsync()).DataAsync("""
            { byPrice: product(orderBy: { metadataCode: DESC }) { displayText }
              byCreated: product(orderBy: { createdUtc: ASC, displayText: DESC }) { displayText }
              defaultOrder: product { displayText } }
            """);

        Assert.Equal(["Red chair", "Blue lamp"], Names(data["byPrice"]));
        Assert.Equal(["Blue lamp", "Red chair"], Names(data["byCreated"]));
        Assert.Equal(["Red chair", "Blue lamp"], Names(data["defaultOrder"])); // createdUtc DESC, Orchard's default
    }

    private static IEnumerable<string> Names(JsonNode? list) => list!.AsArray().Select(n => n!["displayText"]!.GetValue<string>());
}

public sealed class IndexedSqliteProductShapeQueryTests(IndexedSqliteProductShapeQueryTests.Site site) : ProductShapeQueryTests(site), IClassFixture<IndexedSqliteProductShapeQueryTests.Site>
{
    public sealed class Site() : ReaderSite(ReaderConfiguration.IndexedSqlite, Recipe);
}

public sealed class SqlSqliteProductShapeQueryTests(SqlSqliteProductShapeQueryTests.Site site) : ProductShapeQueryTests(site), IClassFixture<SqlSqliteProductShapeQueryTests.Site>
{
    public sealed class Site() : ReaderSite(ReaderConfiguration.SqlSqlite, Recipe);
}

public sealed class PostgresProductShapeQueryTests(PostgresProductShapeQueryTests.Site site) : ProductShapeQueryTests(site), IClassFixture<PostgresProductShapeQueryTests.Site>
{
    public sealed class Site() : ReaderSite(ReaderConfiguration.Postgres, Recipe);
}

public sealed class IndexedPostgresProductShapeQueryTests(IndexedPostgresProductShapeQueryTests.Site site) : ProductShapeQueryTests(site), IClassFixture<IndexedPostgresProductShapeQueryTests.Site>
{
    public sealed class Site() : ReaderSite(ReaderConfiguration.IndexedPostgres, Recipe);
}
