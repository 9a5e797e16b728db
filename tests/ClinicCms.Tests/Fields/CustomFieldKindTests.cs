using System.Net;
using ClinicCms.Content.Fields;
using ClinicCms.Recipes;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Fields;

/// <summary>A field kind registered from outside ClinicCms works everywhere a built-in one does: recipes, the store's index, GraphQL, the admin and its settings page.</summary>
public sealed class CustomFieldKindTests
{
    private const string Teal = "swatch0000000000000000teal";
    private const string Sand = "swatch0000000000000000sand";

    private const string Definition = """
        { "steps": [ { "name": "ContentDefinition",
            "ContentTypes": [ { "Name": "Swatch", "DisplayName": "Swatch", "Settings": { "ContentTypeSettings": { "Creatable": true, "Draftable": true } },
              "ContentTypePartDefinitionRecords": [ { "PartName": "TitlePart", "Name": "TitlePart" }, { "PartName": "Swatch", "Name": "Swatch" } ] } ],
            "ContentParts": [ { "Name": "Swatch", "ContentPartFieldDefinitionRecords": [
              { "FieldName": "ColorField", "Name": "Shade", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Shade" } } } ] } ] } ] }
        """;

    [Fact]
    public async Task A_color_field_from_the_test_project_is_validated_indexed_queried_and_edited()
    {
        await using var site = new SecuredSite(new ClinicCmsApp(services: s => s.AddContentFieldKind<ColorField>()));
        var app = site.App;
        using var anonymous = site.Anonymous();
        await app.RunRecipeTextAsync(Definition, "swatch-type.recipe.json");

        // A recipe with a bad value is refused with the kind's message; a good one is stored.
        var refused = await Assert.ThrowsAsync<RecipeException>(() => app.RunRecipeTextAsync(Items(("teal", "#12ab34"), ("sand", "sandy")), "bad.recipe.json"));
        await app.RunRecipeTextAsync(Items(("teal", "#12ab34"), ("sand", "#c2b280")), "swatches.recipe.json");

        // GraphQL exposes it as a string, filters and sorts on it.
        var graphql = new GraphQLClient(anonymous);
        var filtered = await graphql.DataAsync("{ swatch(where: { shade: \"#12ab34\" }) { contentItemId shade } }");
        var sorted = await graphql.DataAsync("{ swatch(orderBy: { shade: DESC }) { shade } }");

        // The admin renders its editor, refuses a bad value beside the field, and saves a good one.
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var page = await admin.GetStringAsync($"/admin/content/{Teal}/edit");
        var values = BadInputTests.FormValues(page);
        values["Swatch.Shade"] = "blue";
        values["action"] = "publish";
        using var bad = await admin.PostAsync($"/admin/content/{Teal}/edit", new FormUrlEncodedContent(values));
        var badPage = await bad.Content.ReadAsStringAsync();
        values["Swatch.Shade"] = "#0000ff";
        values["baseStamp"] = BadInputTests.FormValues(badPage)["baseStamp"];
        using var good = await admin.PostAsync($"/admin/content/{Teal}/edit", new FormUrlEncodedContent(values));
        var blue = await graphql.DataAsync("{ swatch(where: { shade: \"#0000ff\" }) { contentItemId shade } }");

        // The field settings page shows the settings the kind brings, and saves them into the definition.
        var settingsPage = await admin.GetStringAsync("/admin/types/Swatch/fields/Swatch/Shade");
        var settings = BadInputTests.FormValues(settingsPage);
        settings["options"] = "Teal|#12ab34\nSand|#c2b280";
        using var saved = await admin.PostAsync("/admin/types/Swatch/fields/Swatch/Shade", new FormUrlEncodedContent(settings));
        var palette = await app.InScopeAsync(async sp => (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<ClinicCms.Content.Definitions.ContentDefinitionStore>(sp).GetAsync())
            .FindPart("Swatch")!.FindField("Shade")!.Settings["ColorFieldSettings"]!["Palette"]!.ToJsonString());

        Assert.Equal(["bad.recipe.json: steps[0] (content) data[1].Swatch.Shade: sandy is not a colour (# and six hex digits)"], refused.Errors.Select(e => e.ToString()));
        Assert.Equal($$"""[{"contentItemId":"{{Teal}}","shade":"#12ab34"}]""", filtered["swatch"]!.ToJsonString());
        Assert.Equal("""[{"shade":"#c2b280"},{"shade":"#12ab34"}]""", sorted["swatch"]!.ToJsonString());
        Assert.Contains("<input type=\"text\" id=\"f-Swatch-Shade\" name=\"Swatch.Shade\" value=\"#12ab34\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("blue is not a colour (# and six hex digits)", badPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal($$"""[{"contentItemId":"{{Teal}}","shade":"#0000ff"}]""", blue["swatch"]!.ToJsonString());
        Assert.Contains("<textarea id=\"options\" name=\"options\"", settingsPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("""[{"name":"Teal","value":"#12ab34"},{"name":"Sand","value":"#c2b280"}]""", palette);
    }

    private static string Items(params (string Name, string Color)[] swatches) =>
        $$"""{ "steps": [ { "name": "content", "data": [ {{string.Join(", ", swatches.Select(s =>
            $$"""{ "ContentItemId": "{{(s.Name == "teal" ? Teal : Sand)}}", "ContentItemVersionId": "{{(s.Name == "teal" ? Teal : Sand).Replace("swatch", "swatcv")}}", "ContentType": "Swatch", "Latest": true, "Published": true, "TitlePart": { "Title": "{{s.Name}}" }, "Swatch": { "Shade": { "Color": "{{s.Color}}" } } }"""))}} ] } ] }""";
}
