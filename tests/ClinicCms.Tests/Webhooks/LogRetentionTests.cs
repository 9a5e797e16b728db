using ClinicCms.Content.Store;
using ClinicCms.Content.Webhooks;
using ClinicCms.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>The deliverer's daily pass deletes finished deliveries older than ClinicCms:Webhooks:LogRetentionDays (30), with their attempts.</summary>
[Collection(WebhookSite.Collection)]
public sealed class LogRetentionTests(WebhookSite site)
{
    [Fact]
    public async Task Finished_deliveries_older_than_the_retention_are_deleted_with_their_attempts_and_pending_or_newer_ones_stay()
    {
        var hook = await WebhookSite.SubscribeAsync(site.App, "pruned", site.Receiver.Url("pruned"), [WebhookEvents.ContentPublished]);
        site.Clock.Offset = TimeSpan.FromDays(-40);
        try
        {
            await WebhookSite.CreateFaqAsync(site.App, "Is an old delivery kept?");
            Assert.True(await WebhookSite.Until(async () => (await WebhookSite.DeliveriesAsync(site.App, hook)).Any(d => d.State == WebhookDeliveryState.Delivered)));
            var then = site.Clock.UtcNow;
            await site.App.InScopeAsync(sp =>
            {
                var db = sp.GetRequiredService<ClinicCmsDbContext>();
                db.WebhookDeliveries.Add(new WebhookDeliveryRow
                {
                    Id = "msg_oldbutpending",
                    WebhookId = hook,
                    EventType = WebhookEvents.ContentPublished,
                    Payload = "{}",
                    CreatedUtc = then,
                    NextAttemptUtc = then.AddDays(400),
                    State = WebhookDeliveryState.Pending,
                });
                return db.SaveChangesAsync();
            });
        }
        finally
        {
            site.Clock.Offset = TimeSpan.Zero;
        }
        var old = (await WebhookSite.DeliveriesAsync(site.App, hook)).Single(d => d.State == WebhookDeliveryState.Delivered).Id;
        await WebhookSite.CreateFaqAsync(site.App, "Is a new delivery kept?");
        Assert.True(await WebhookSite.Until(async () => (await WebhookSite.DeliveriesAsync(site.App, hook)).Count(d => d.State == WebhookDeliveryState.Delivered) == 2));
        Assert.Equal(2, (await WebhookSite.AttemptsAsync(site.App, hook)).Count);

        await site.App.Services.GetRequiredService<WebhookDeliverer>().PruneAsync(TestContext.Current.CancellationToken);

        var left = await WebhookSite.DeliveriesAsync(site.App, hook);
        Assert.DoesNotContain(left, d => d.Id == old);
        Assert.Contains(left, d => d.Id == "msg_oldbutpending");
        var recent = Assert.Single(left, d => d.State == WebhookDeliveryState.Delivered);
        Assert.Equal(recent.Id, Assert.Single(await WebhookSite.AttemptsAsync(site.App, hook)).DeliveryId);
    }
}
