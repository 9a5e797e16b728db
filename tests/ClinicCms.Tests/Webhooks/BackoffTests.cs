using ClinicCms.Content.Webhooks;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>
/// Retries on the app's held clock: a receiver that always fails is tried again exactly after each of
/// <c>RetryDelaysSeconds</c> (the clock is moved on, nothing sleeps through a delay), never before, and after the last
/// delay the delivery has failed with every attempt logged.
/// </summary>
public sealed class BackoffTests : IAsyncLifetime
{
    private static readonly int[] Delays = [60, 300, 1800];

    private readonly HeldClock _clock = new();
    private WebhookReceiver _receiver = null!;
    private ClinicCmsApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        var settings = WebhookSite.Settings();
        settings["ClinicCms:Webhooks:RetryDelaysSeconds"] = string.Join(',', Delays);
        _app = new ClinicCmsApp(services: s => s.AddSingleton<TimeProvider>(_clock), settings: settings);
        _ = _app.Services;
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_exactly_after_each_delay_and_the_delivery_then_fails_with_every_attempt_logged()
    {
        using var held = _clock.Hold();
        var hook = await WebhookSite.SubscribeAsync(_app, "backoff", _receiver.Url("backoff", "fail"), [WebhookEvents.ContentPublished]);
        var written = _clock.GetUtcNow().UtcDateTime;
        await WebhookSite.CreateFaqAsync(_app, "Is a failing receiver retried on time?");
        Assert.True(await WebhookSite.Until(async () => (await WebhookSite.AttemptsAsync(_app, hook)).Count == 1));

        var deliverer = _app.Services.GetRequiredService<WebhookDeliverer>();
        for (var i = 0; i < Delays.Length; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(Delays[i] - 1));
            await deliverer.RunOnceAsync(TestContext.Current.CancellationToken);
            Assert.Equal(i + 1, (await WebhookSite.AttemptsAsync(_app, hook)).Count); // a second early: not yet
            var pending = Assert.Single(await WebhookSite.DeliveriesAsync(_app, hook));
            Assert.Equal(WebhookDeliveryState.Pending, pending.State);

            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await WebhookSite.Until(async () => (await WebhookSite.AttemptsAsync(_app, hook)).Count == i + 2));
        }

        var attempts = await WebhookSite.AttemptsAsync(_app, hook);
        // PostgreSQL keeps microseconds, the held clock ticks: compare to the millisecond.
        var offsets = attempts.Select(a => Math.Round((a.AttemptedUtc - written).TotalSeconds, 3)).ToList();
        Assert.Equal([0, 60, 360, 2160], offsets);
        Assert.All(attempts, a => Assert.Equal((500, "the receiver answered 500"), (a.StatusCode, a.Error)));
        var delivery = Assert.Single(await WebhookSite.DeliveriesAsync(_app, hook));
        Assert.Equal((WebhookDeliveryState.Failed, 4, (DateTime?)null), (delivery.State, delivery.Attempts, delivery.NextAttemptUtc));

        // Failed is final: however much later, nothing more is sent.
        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await deliverer.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(4, _receiver.Of("backoff").Count);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }
}
