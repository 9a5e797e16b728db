using System.Net;
using ClinicCms.Recipes;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>The schema follows definition changes without a restart.</summary>
public sealed class SchemaRefreshTests
{
    [Fact]
    public async Task A_field_added_by_a_recipe_appears_in_the_schema_and_can_be_filtered_at_once()
    {
        await using var app = new ClinicCmsApp();
        var graphql = new GraphQLClient(app.CreateClient());
        var (before, _) = await graphql.PostAsync("{ faq { audience } }");

        await app.InScopeAsync(sp =>
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""
                { "steps": [
                  { "name": "ContentDefinition", "ContentParts": [ { "Name": "FAQ", "ContentPartFieldDefinitionRecords": [
                    { "FieldName": "TextField", "Name": "Audience", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Audience" } } } ] } ] },
                  { "name": "content", "data": [ { "ContentItemId": "42x83pm6z1zwpyv4996qqr52x7", "ContentItemVersionId": "q43m3gatmg35y6fek54nk7691k",
                    "ContentType": "FAQ", "Latest": true, "Published": true, "FAQ": { "Audience": { "Text": "patients" } } } ] } ] }
                """));
            return sp.GetRequiredService<RecipeExecutor>().RunAsync(RecipeReader.Read(stream, "audience.recipe.json", Path.GetTempPath()), new RecipeRunOptions());
        });
        var data = await graphql.DataAsync("{ faq(where: { audience: \"patients\" }) { displayText audience } }");

        Assert.Equal(HttpStatusCode.BadRequest, before);
        var faq = Assert.Single(data["faq"]!.AsArray())!;
        Assert.Equal("How many ketamine infusions will I need?", faq["displayText"]!.GetValue<string>());
        Assert.Equal("patients", faq["audience"]!.GetValue<string>());
    }
}
