using ClinicCms.Content.Changes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Content.Webhooks;
using ClinicCms.Recipes;
using ClinicCms.Tests.Review;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>
/// The outbox's cache of subscriptions hears of a webhook change from the store's announcement after the commit, as
/// the other caches do: a webhook written in a transaction that fails moves nothing, and one that commits is seen by
/// the very next write.
/// </summary>
[Collection(WebhookSite.Collection)]
public sealed class SubscriptionCacheTests(WebhookSite site)
{
    private ContentChanges Changes => site.App.Services.GetRequiredService<ContentChanges>();

    [Fact]
    public async Task A_recipe_that_adds_a_webhook_and_then_fails_leaves_the_cache_as_it_was()
    {
        await WebhookSite.CreateFaqAsync(site.App, "Is the subscription cache warm?");
        var before = Changes.WebhooksStamp;

        await Assert.ThrowsAsync<RecipeException>(() => site.App.RunRecipeTextAsync($$"""
            { "steps": [
              { "name": "Webhooks", "Webhooks": [ { "Name": "cache-failed", "Url": "{{site.Receiver.Url("cache-failed")}}",
                  "Events": [ "content.published" ], "Secret": "{{WebhookReceiver.Secret}}", "Enabled": true } ] },
              { "name": "content", "data": [
                { "ContentItemId": "hookarticle00000000000002", "ContentType": "Article", "Latest": true, "Published": true,
                  "TitlePart": { "Title": "Copycat" }, "Article": { "Summary": { "Text": "x" } },
                  "AutoroutePart": { "Path": "articles/how-many-ketamine-infusions-will-i-need" } } ] } ] }
            """, "failing-hooks.recipe.json"));

        Assert.Equal(before, Changes.WebhooksStamp);
        Assert.DoesNotContain(await site.App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().ListAsync()), w => w.Name == "cache-failed");
        await WebhookSite.CreateFaqAsync(site.App, "Does a failed webhook get this one?");
        Assert.Empty(site.Receiver.Of("cache-failed"));
    }

    [Fact]
    public async Task A_webhook_added_in_a_larger_transaction_is_seen_by_the_first_write_after_the_commit()
    {
        var before = Changes.WebhooksStamp;
        var stampInside = before;
        var input = new WebhookInput("cache-seen", site.Receiver.Url("cache-seen"), [WebhookEvents.ContentPublished], [], WebhookReceiver.Secret, true);
        var result = await site.App.InScopeAsync(async sp =>
        {
            var content = sp.GetRequiredService<ContentService>();
            return await content.AllOrNothingAsync(async () =>
            {
                await sp.GetRequiredService<WebhookStore>().ImportAsync([input]);
                stampInside = Changes.WebhooksStamp;
                if (ServiceRequirement.OnPostgres)
                {
                    // Another write commits meanwhile (PostgreSQL lets it; SQLite has one writer): its outbox reads the
                    // subscriptions as committed so far, without the new webhook.
                    await WebhookSite.CreateFaqAsync(site.App, "Written while the webhook is not committed yet?");
                }
                return await content.CreateAsync(ContentItemJson.FromJson(ReviewSite.Faq("Written with the webhook?")), publish: false, WebhookSite.Chief);
            });
        });
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.Equal(before, stampInside); // nothing is announced before the commit
        Assert.True(Changes.WebhooksStamp > before);

        var hook = (await site.App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().ListAsync())).Single(w => w.Name == "cache-seen").Id;
        var id = await WebhookSite.CreateFaqAsync(site.App, "Is the new webhook told at once?");
        Assert.Contains(await WebhookSite.DeliveriesAsync(site.App, hook), d => d.Payload.Contains(id, StringComparison.Ordinal));
        Assert.True(await WebhookSite.Until(() => site.Receiver.Of("cache-seen").Any(r => r.Body.Contains(id, StringComparison.Ordinal))));
    }
}
