using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Content.Webhooks;
using ClinicCms.Tests.Review;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>
/// A clinic site with the access recipe's users, whose deliverer may send to 127.0.0.1 and retries at once (delays
/// "0,0,0"), and a receiver on 127.0.0.1; shared by the webhook test classes. Each test makes webhooks of its own
/// names, so their deliveries stay apart.
/// </summary>
public sealed class WebhookSite : IAsyncLifetime
{
    public const string Collection = "webhooks";

    public static readonly ContentUser Chief = new("chief-id", "chief") { CanReview = true, CanPublish = true };

    public WebhookReceiver Receiver { get; private set; } = null!;

    public SecuredSite Site { get; private set; } = null!;

    public ClinicCmsApp App => Site.App;

    /// <summary>The app's clock; a test that moves it puts it back.</summary>
    public ShiftedClock Clock { get; } = new();

    public static Dictionary<string, string> Settings(bool allowPrivate = true) => new()
    {
        ["ClinicCms:Webhooks:SendDeliveries"] = "true",
        ["ClinicCms:Webhooks:AllowPrivateTargets"] = allowPrivate ? "true" : "false",
        ["ClinicCms:Webhooks:RetryDelaysSeconds"] = "0,0,0",
        ["ClinicCms:Webhooks:PollIntervalSeconds"] = "0.2",
    };

    public async ValueTask InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Site = await SecuredSite.StartAsync(new ClinicCmsApp(services: s => s.AddSingleton<TimeProvider>(Clock), settings: Settings()));
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>Adds an enabled webhook through the store and returns its id.</summary>
    public static Task<long> SubscribeAsync(ClinicCmsApp app, string name, string url, string[] events, string[]? types = null) => app.InScopeAsync(async sp =>
    {
        var (row, errors) = await sp.GetRequiredService<WebhookStore>().SaveAsync(null, new WebhookInput(name, url, events, types ?? [], WebhookReceiver.Secret, true));
        Assert.True(errors.Count == 0, string.Join(" ", errors));
        return row!.Id;
    });

    /// <summary>Creates an FAQ (published unless <paramref name="publish"/> is false) and returns its id.</summary>
    public static Task<string> CreateFaqAsync(ClinicCmsApp app, string question, bool publish = true) => app.InScopeAsync(async sp =>
    {
        var created = await sp.GetRequiredService<ContentService>().CreateAsync(ContentItemJson.FromJson(ReviewSite.Faq(question)), publish, Chief);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return created.Item!.ContentItemId;
    });

    /// <summary>The outbox rows of a webhook.</summary>
    public static Task<List<WebhookDeliveryRow>> DeliveriesAsync(ClinicCmsApp app, long webhookId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<ClinicCms.Content.Store.ClinicCmsDbContext>().WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId).ToListAsync());

    public static Task<List<WebhookAttemptRow>> AttemptsAsync(ClinicCmsApp app, long webhookId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<ClinicCms.Content.Store.ClinicCmsDbContext>().WebhookAttempts.AsNoTracking().Where(a => a.WebhookId == webhookId).OrderBy(a => a.Id).ToListAsync());

    /// <summary>Asks until <paramref name="done"/> holds or 30 s pass.</summary>
    public static Task<bool> Until(Func<bool> done) => Scheduling.ScheduledPublishingTests.Until(() => Task.FromResult(done()));

    public static Task<bool> Until(Func<Task<bool>> done) => Scheduling.ScheduledPublishingTests.Until(done);
}

[CollectionDefinition(WebhookSite.Collection)]
public sealed class WebhookSites : ICollectionFixture<WebhookSite>;
