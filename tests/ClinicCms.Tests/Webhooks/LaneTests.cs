using System.Diagnostics;
using ClinicCms.Content.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>Each webhook has its own delivery lane: a receiver that does not answer holds up its own deliveries only.</summary>
[Collection(WebhookSite.Collection)]
public sealed class LaneTests(WebhookSite site)
{
    [Fact]
    public async Task A_receiver_that_hangs_does_not_delay_the_deliveries_to_another()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Holds each request until the test releases it (the sender gives up after its 10 s timeout first).
        site.Receiver.Before["hanging"] = () => Task.WhenAny(gate.Task, Task.Delay(TimeSpan.FromSeconds(15)));
        await using var other = await WebhookReceiver.StartAsync();
        var hanging = await WebhookSite.SubscribeAsync(site.App, "hanging", site.Receiver.Url("hanging"), [WebhookEvents.ContentPublished], ["FAQ"]);
        try
        {
            await WebhookSite.CreateFaqAsync(site.App, "Does a hanging receiver hold up the others?");
            Assert.True(await WebhookSite.Until(() => site.Receiver.Of("hanging").Count > 0));

            await WebhookSite.SubscribeAsync(site.App, "beside", other.Url("beside"), [WebhookEvents.ContentPublished], ["FAQ"]);
            var watch = Stopwatch.StartNew();
            var id = await WebhookSite.CreateFaqAsync(site.App, "Is the second receiver served meanwhile?");

            Assert.True(await WebhookSite.Until(() => other.Of("beside").Count > 0 || watch.Elapsed > TimeSpan.FromSeconds(5)));
            var received = Assert.Single(other.Of("beside"));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"received after {watch.Elapsed}");
            Assert.Contains(id, received.Body, StringComparison.Ordinal);
            Assert.False(gate.Task.IsCompleted);
            // The hanging webhook's first delivery is still being sent, and its second waits behind it in its lane.
            Assert.Single(site.Receiver.Of("hanging"));
            var held = await WebhookSite.DeliveriesAsync(site.App, hanging);
            Assert.Equal(2, held.Count);
            Assert.All(held, d => Assert.Equal((WebhookDeliveryState.Pending, 0), (d.State, d.Attempts)));
        }
        finally
        {
            gate.TrySetResult();
            await site.App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().DeleteAsync(hanging));
        }
    }
}
