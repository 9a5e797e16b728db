using ClinicCms.Content.Webhooks;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Webhooks;

/// <summary>With <c>AllowPrivateTargets</c> off (the default), a webhook that points at this host is not sent, and its log says why.</summary>
public sealed class PrivateTargetTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private ClinicCmsApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _app = new ClinicCmsApp(settings: WebhookSite.Settings(allowPrivate: false));
        _ = _app.Services;
    }

    [Fact]
    public async Task A_loopback_target_is_refused_by_address_and_each_attempt_is_logged_with_the_reason()
    {
        // By name as well as by address: the check is on the address connected to, after DNS.
        var byName = await WebhookSite.SubscribeAsync(_app, "by-name", _receiver.Url("by-name").Replace("127.0.0.1", "localhost", StringComparison.Ordinal), [WebhookEvents.ContentPublished]);
        var byAddress = await WebhookSite.SubscribeAsync(_app, "by-address", _receiver.Url("by-address"), [WebhookEvents.ContentPublished]);
        await WebhookSite.CreateFaqAsync(_app, "Does a webhook reach this host?");

        foreach (var hook in new[] { byName, byAddress })
        {
            Assert.True(await WebhookSite.Until(async () => (await WebhookSite.DeliveriesAsync(_app, hook)).Single().State == WebhookDeliveryState.Failed));
            var attempts = await WebhookSite.AttemptsAsync(_app, hook);
            Assert.Equal(4, attempts.Count);
            Assert.All(attempts, a => Assert.Null(a.StatusCode));
            Assert.Contains("loopback address", attempts[0].Error, StringComparison.Ordinal);
            Assert.Contains("AllowPrivateTargets is off", attempts[0].Error, StringComparison.Ordinal);
        }
        Assert.Empty(_receiver.Requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }
}
