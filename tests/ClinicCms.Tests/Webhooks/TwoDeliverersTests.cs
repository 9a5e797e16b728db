using ClinicCms.Content.Webhooks;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>
/// Two instances of the app on one database (one SQLite file, or the PostgreSQL database of a PostgreSQL test run), both
/// delivering: every delivery reaches the receiver exactly once.
/// </summary>
public sealed class TwoDeliverersTests : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private WebhookReceiver _receiver = null!;
    private ClinicCmsApp _a = null!;
    private ClinicCmsApp _b = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _a = new ClinicCmsApp(data: _data, settings: WebhookSite.Settings());
        _ = _a.Services; // A sets the site up first; B then finds it set up
        _b = new ClinicCmsApp(data: _data, settings: WebhookSite.Settings());
        _ = _b.Services;
    }

    [Fact]
    public async Task Each_delivery_is_sent_once_when_two_instances_deliver()
    {
        await WebhookSite.SubscribeAsync(_a, "twice", _receiver.Url("twice"), [WebhookEvents.ContentPublished, WebhookEvents.ContentDraftSaved]);
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            // Writes on both instances, so both are woken by their own commits and both poll for the other's.
            ids.Add(await WebhookSite.CreateFaqAsync(i % 2 == 0 ? _a : _b, $"Delivered once {i}?", publish: i % 3 != 0));
        }
        // More checks on each instance at the same moment, racing the background loops harder.
        await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { RunAsync(_a), RunAsync(_b) }));

        Assert.True(await WebhookSite.Until(() => ids.All(id => _receiver.Of("twice").Any(r => r.Body.Contains(id, StringComparison.Ordinal)))));
        var hook = (await _a.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().ListAsync())).Single(w => w.Name == "twice").Id;
        Assert.True(await WebhookSite.Until(async () => (await WebhookSite.DeliveriesAsync(_a, hook)).All(d => d.State == WebhookDeliveryState.Delivered)));
        var received = _receiver.Of("twice");
        Assert.Equal(ids.Count, received.Count);
        Assert.Equal(ids.Count, received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(ids.Count, (await WebhookSite.AttemptsAsync(_b, hook)).Count);
    }

    private static async Task<int> RunAsync(ClinicCmsApp app)
    {
        await Task.Yield();
        return await app.Services.GetRequiredService<WebhookDeliverer>().RunOnceAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _receiver.DisposeAsync();
        _data.Dispose(); // and the database named after it
    }
}
