using System.Net;
using ClinicCms.Content.Store;
using ClinicCms.Content.Webhooks;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>A live claim is respected by Redeliver and by another instance's record, and one failing attempt leaves the rest of its batch alone.</summary>
[Collection(WebhookSite.Collection)]
public sealed class ClaimTests(WebhookSite site)
{
    [Fact]
    public async Task Redeliver_leaves_a_live_claim_alone_and_a_record_moves_only_a_delivery_its_instance_claimed()
    {
        var ct = TestContext.Current.CancellationToken;
        var hook = await WebhookSite.SubscribeAsync(site.App, "claimed", site.Receiver.Url("claimed"), [WebhookEvents.ContentPublished]);
        var now = site.App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await InDb(db =>
        {
            db.WebhookDeliveries.Add(new WebhookDeliveryRow
            {
                Id = "msg_claimedbyother",
                WebhookId = hook,
                EventType = WebhookEvents.ContentPublished,
                Payload = "{}",
                CreatedUtc = now,
                NextAttemptUtc = now,
                State = WebhookDeliveryState.Pending,
                ClaimedBy = "other-instance",
                ClaimedUntilUtc = now.AddHours(1),
            });
            return db.SaveChangesAsync();
        });

        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var token = SecuredSite.AntiforgeryToken(await admin.GetStringAsync($"/admin/webhooks/{hook}", ct));
        using var refused = await admin.PostAsync($"/admin/webhooks/{hook}?handler=Redeliver",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["deliveryId"] = "msg_claimedbyother", ["__RequestVerificationToken"] = token }), ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("being sent", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        await site.App.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<WebhookDeliveries>().RecordAsync(
                new WebhookDelivery("msg_claimedbyother", hook, "{}", 0, site.Receiver.Url("claimed"), WebhookReceiver.Secret, true), "this-instance",
                new WebhookAttemptResult(200, 1, null), [TimeSpan.Zero]);
            return true;
        });
        var row = (await WebhookSite.DeliveriesAsync(site.App, hook)).Single();
        Assert.Equal((WebhookDeliveryState.Pending, "other-instance", 0), (row.State, row.ClaimedBy, row.Attempts));

        // Once the claim ran out (its instance died), Redeliver takes the delivery over and it is sent. Its next attempt is
        // set later, so the background deliverer, which would rightly take over a due delivery whose claim ran out, does
        // not send it first (it did under load, and Redeliver then sent it a second time).
        await InDb(db => db.WebhookDeliveries.Where(d => d.Id == "msg_claimedbyother")
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntilUtc, now.AddMinutes(-1)).SetProperty(d => d.NextAttemptUtc, now.AddHours(1))));
        Assert.Equal(WebhookRedelivery.Queued, await site.App.InScopeAsync(sp => sp.GetRequiredService<WebhookDeliveries>().RedeliverAsync(hook, "msg_claimedbyother")));
        Assert.True(await WebhookSite.Until(async () => (await WebhookSite.DeliveriesAsync(site.App, hook)).Single().State == WebhookDeliveryState.Delivered));
        Assert.Single(site.Receiver.Of("claimed"));
    }

    [Fact]
    public async Task An_attempt_whose_webhook_is_deleted_meanwhile_does_not_stop_the_others_of_its_batch()
    {
        var vanishing = await WebhookSite.SubscribeAsync(site.App, "vanishing", site.Receiver.Url("vanishing"), [WebhookEvents.ContentPublished]);
        var steady = await WebhookSite.SubscribeAsync(site.App, "steady", site.Receiver.Url("steady"), [WebhookEvents.ContentPublished]);
        var deleted = new TaskCompletionSource();
        // The webhook goes while its request is answered, so recording the attempt fails (its rows are gone); the
        // other delivery of the batch is still being answered then.
        site.Receiver.Before["vanishing"] = async () =>
        {
            await site.App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().DeleteAsync(vanishing));
            deleted.SetResult();
        };
        site.Receiver.Before["steady"] = async () =>
        {
            await deleted.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await Task.Delay(300); // lets the other attempt fail first: an ordering, not a time assertion
        };
        await WebhookSite.CreateFaqAsync(site.App, "Does one failing attempt stop the others?");

        Assert.True(await WebhookSite.Until(async () => (await WebhookSite.DeliveriesAsync(site.App, steady)).SingleOrDefault()?.State == WebhookDeliveryState.Delivered));
        Assert.Empty(await WebhookSite.DeliveriesAsync(site.App, vanishing));
        Assert.Single(site.Receiver.Of("steady"));
    }

    private Task<int> InDb(Func<ClinicCmsDbContext, Task<int>> action) => site.App.InScopeAsync(sp => action(sp.GetRequiredService<ClinicCmsDbContext>()));
}
