using ClinicCms.Recipes;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Recipes;

/// <summary>Bad recipes get an error naming the file, the step and the JSON path, and change nothing.</summary>
public sealed class RecipeErrorTests : IAsyncLifetime
{
    private StoreSite _site = null!;

    public async ValueTask InitializeAsync()
    {
        _site = await StoreSite.CreateAsync();
        await _site.RunRecipeAsync(RepositoryFiles.ClinicRecipe);
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Malformed_json_reports_line_and_column()
    {
        var error = await RejectedAsync("{\n  \"steps\": [\n    { \"name\": \"content\", \"data\": [ } ]\n  ]\n}", "broken.recipe.json");

        Assert.StartsWith("broken.recipe.json: malformed JSON at line 3, column 36:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_step_is_an_error_that_names_it()
    {
        var error = await RejectedAsync("""{ "steps": [ { "name": "feature", "enable": [] }, { "name": "PublishEverything" } ] }""", "unknown.recipe.json");

        Assert.Equal("unknown.recipe.json: steps[1] (PublishEverything) name: unknown step 'PublishEverything'", error);
    }

    [Fact]
    public async Task A_failing_script_names_its_json_path()
    {
        var error = await RejectedAsync("""
            { "steps": [ { "name": "content", "data": [
              { "ContentItemId": "[js: uuid()]", "ContentType": "FAQ", "DisplayText": "[js: notAFunction()]",
                "TitlePart": { "Title": "Q?" }, "FAQ": { "Category": { "Text": "general" }, "Order": { "Value": 1 } } } ] } ] }
            """, "script.recipe.json");

        Assert.StartsWith("script.recipe.json: steps[0] (content) data[0].DisplayText: script error in 'notAFunction()':", error, StringComparison.Ordinal);
        Assert.Contains("notAFunction is not defined", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_part_name_gives_orchards_message()
    {
        var error = await RejectedAsync("""
            { "steps": [ { "name": "ContentDefinition", "ContentTypes": [
              { "Name": "Message", "DisplayName": "Message", "Settings": {},
                "ContentTypePartDefinitionRecords": [ { "PartName": "", "Name": "Broken", "Settings": {} } ] } ], "ContentParts": [] } ] }
            """, "parts.recipe.json");

        Assert.Equal("parts.recipe.json: steps[0] (ContentDefinition) ContentTypes[0].ContentTypePartDefinitionRecords[0].PartName: "
            + "Unable to add content-part to the 'Message' content-type. The part name cannot be null or empty.", error);
    }

    [Fact]
    public async Task A_wrong_field_value_names_the_item_and_field()
    {
        var error = await RejectedAsync("""
            { "steps": [ { "name": "feature", "enable": [] }, { "name": "content", "data": [
              { "ContentItemId": "faq1", "ContentType": "FAQ", "TitlePart": { "Title": "One?" }, "FAQ": { "Category": { "Text": "general" }, "Order": { "Value": 1 } } },
              { "ContentItemId": "faq2", "ContentType": "FAQ", "TitlePart": { "Title": "Two?" }, "FAQ": { "Category": { "Text": "general" }, "Order": { "Value": 2 } } },
              { "ContentItemId": "faq3", "ContentType": "FAQ", "TitlePart": { "Title": "Three?" }, "FAQ": { "Category": { "Text": "general" }, "Order": { "Value": "third" } } }
            ] } ] }
            """, "clinic.recipe.json");

        Assert.Equal("clinic.recipe.json: steps[1] (content) data[2].FAQ.Order: expected a number, got \"third\"", error);
    }

    [Fact]
    public async Task An_id_longer_than_its_column_names_the_item_on_every_provider()
    {
        var error = await RejectedAsync("""
            { "steps": [ { "name": "content", "data": [
              { "ContentItemId": "faq-how-many-infusions-will-i-need", "ContentType": "FAQ", "TitlePart": { "Title": "One?" }, "FAQ": { "Category": { "Text": "general" }, "Order": { "Value": 1 } } }
            ] } ] }
            """, "ids.recipe.json");

        Assert.Equal("ids.recipe.json: steps[0] (content) data[0].ContentItemId: at most 26 characters, got 34", error);
    }

    [Fact]
    public async Task Every_error_of_a_recipe_is_reported_at_once()
    {
        var exception = await Assert.ThrowsAsync<RecipeException>(() => _site.RunRecipeTextAsync("""
            { "steps": [ { "name": "Nope" }, { "name": "content", "data": [ { "ContentType": "FAQ" }, 42 ] } ] }
            """, "many.recipe.json"));

        Assert.Equal(3, exception.Errors.Count);
        Assert.Contains(exception.Errors, e => e.ToString() == "many.recipe.json: steps[1] (content) data[0].ContentItemId: required: every imported item needs a ContentItemId");
        Assert.Contains(exception.Errors, e => e.ToString() == "many.recipe.json: steps[1] (content) data[1]: expected a content item object, got 42");
    }

    [Fact]
    public async Task A_recipe_that_fails_at_its_last_step_leaves_every_row_as_it_was()
    {
        var before = await _site.InScopeAsync(DatabaseSnapshot.TakeAsync);

        // Valid when planned; the last step's path is taken by the clinic article, which only the database knows.
        var exception = await Assert.ThrowsAsync<RecipeException>(() => _site.RunRecipeTextAsync("""
            { "steps": [
              { "name": "settings", "SiteName": "Changed" },
              { "name": "Roles", "Roles": [ { "Name": "Reviewer", "Permissions": [ "ViewContent" ] } ] },
              { "name": "ContentDefinition", "ContentTypes": [ { "Name": "Event", "DisplayName": "Event", "Settings": {},
                "ContentTypePartDefinitionRecords": [ { "PartName": "TitlePart", "Name": "TitlePart", "Settings": {} } ] } ], "ContentParts": [] },
              { "name": "content", "data": [
                { "ContentItemId": "newfaq0000000000000000001", "ContentType": "FAQ", "Latest": true, "Published": true,
                  "TitlePart": { "Title": "New?" }, "FAQ": { "Category": { "Text": "general" }, "Order": { "Value": 9 } } } ] },
              { "name": "content", "data": [
                { "ContentItemId": "newarticle000000000000001", "ContentType": "Article", "Latest": true, "Published": true,
                  "TitlePart": { "Title": "Copycat" }, "Article": { "Summary": { "Text": "x" } },
                  "AutoroutePart": { "Path": "articles/how-many-ketamine-infusions-will-i-need" } } ] }
            ] }
            """, "late-failure.recipe.json"));

        Assert.Equal("late-failure.recipe.json: steps[4] (content) data[0].AutoroutePart.Path: the path 'articles/how-many-ketamine-infusions-will-i-need' is already in use by another content item",
            Assert.Single(exception.Errors).ToString());
        Assert.Equal(before, await _site.InScopeAsync(DatabaseSnapshot.TakeAsync));
    }

    private async Task<string> RejectedAsync(string json, string fileName)
    {
        var before = await _site.InScopeAsync(DatabaseSnapshot.TakeAsync);
        var exception = await Assert.ThrowsAsync<RecipeException>(() => _site.RunRecipeTextAsync(json, fileName));
        Assert.Equal(before, await _site.InScopeAsync(DatabaseSnapshot.TakeAsync));
        return Assert.Single(exception.Errors).ToString();
    }
}
