using System.Text.Json.Nodes;
using ClinicCms.Content.Webhooks;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Webhooks;

/// <summary><c>contenttype.changed</c> is sent once per type added, changed or removed, naming it, so a webhook's type filter applies.</summary>
[Collection(WebhookSite.Collection)]
public sealed class TypeChangeTests(WebhookSite site)
{
    [Fact]
    public async Task A_recipe_and_the_type_editor_send_one_delivery_per_changed_type_naming_it()
    {
        var all = await WebhookSite.SubscribeAsync(site.App, "types-all", site.Receiver.Url("types-all"), [WebhookEvents.ContentTypeChanged]);
        var leaflets = await WebhookSite.SubscribeAsync(site.App, "types-leaflet", site.Receiver.Url("types-leaflet"), [WebhookEvents.ContentTypeChanged], ["HookLeaflet"]);

        await site.App.RunRecipeTextAsync("""
            { "name": "types", "steps": [ { "name": "ContentDefinition", "ContentTypes": [
                { "Name": "HookLeaflet", "DisplayName": "Leaflet", "Settings": { "ContentTypeSettings": { "Creatable": true } },
                  "ContentTypePartDefinitionRecords": [ { "PartName": "TitlePart", "Name": "TitlePart", "Settings": {} } ] },
                { "Name": "HookPoster", "DisplayName": "Poster", "Settings": { "ContentTypeSettings": { "Creatable": true } },
                  "ContentTypePartDefinitionRecords": [ { "PartName": "TitlePart", "Name": "TitlePart", "Settings": {} } ] } ] } ] }
            """, "types.recipe.json");

        Assert.Equal(["HookLeaflet", "HookPoster"], await TypesDeliveredAsync(all));
        Assert.Equal(["HookLeaflet"], await TypesDeliveredAsync(leaflets));
        var payload = JsonNode.Parse((await WebhookSite.DeliveriesAsync(site.App, leaflets)).Single().Payload)!;
        Assert.Equal(WebhookEvents.ContentTypeChanged, payload["type"]!.GetValue<string>());
        Assert.Equal("HookLeaflet", payload["data"]!["contentType"]!.GetValue<string>());
        Assert.Equal(["type:HookLeaflet"], payload["data"]!["cacheTags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Null(payload["data"]!["contentItemId"]);

        // The admin's type editor: one type changed, one delivery, and none for the webhook that watches another type.
        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var ct = TestContext.Current.CancellationToken;
        var page = await admin.GetStringAsync("/admin/types/HookPoster", ct);
        using var saved = await admin.PostAsync("/admin/types/HookPoster?handler=Settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(page),
            ["displayName"] = "Wall poster",
            ["creatable"] = "true",
        }), ct);
        Assert.True(saved.IsSuccessStatusCode || (int)saved.StatusCode == 302, $"{saved.StatusCode}");

        Assert.Equal(["HookLeaflet", "HookPoster", "HookPoster"], await TypesDeliveredAsync(all));
        Assert.Equal(["HookLeaflet"], await TypesDeliveredAsync(leaflets));
        Assert.True(await WebhookSite.Until(() => site.Receiver.Of("types-all").Count == 3));
        Assert.All(site.Receiver.Of("types-all"), r => Assert.True(r.SignatureValid));
    }

    private async Task<List<string>> TypesDeliveredAsync(long webhookId) =>
        [.. (await WebhookSite.DeliveriesAsync(site.App, webhookId))
            .Select(d => JsonNode.Parse(d.Payload)!["data"]!["contentType"]!.GetValue<string>())
            .Order(StringComparer.Ordinal)];
}
