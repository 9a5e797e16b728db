using System.Collections.Concurrent;
using ClinicCms.Content;
using ClinicCms.Content.Changes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Scheduling;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.Review;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Scheduling;

/// <summary>
/// Two instances of the app on one database (the SQLite file of one data folder, or the PostgreSQL database of a
/// PostgreSQL test run), both running the scheduler: each due item is published by exactly one of them.
/// </summary>
public sealed class TwoSchedulersTests : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private readonly ShiftedClock _clock = new();
    private readonly PublishedChanges _changesOfA = new();
    private readonly PublishedChanges _changesOfB = new();
    private ClinicCmsApp _a = null!;
    private ClinicCmsApp _b = null!;

    public async ValueTask InitializeAsync()
    {
        _a = Instance(_changesOfA);
        _ = _a.Services; // A sets the site up first; B then finds it set up
        _b = Instance(_changesOfB);
        _ = _b.Services;
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Both_instances_run_the_scheduler_and_each_due_item_is_published_exactly_once()
    {
        var at = _clock.UtcNow.AddMinutes(5);
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await _a.InScopeAsync(async sp =>
            {
                var faq = ContentItemJson.FromJson(ReviewSite.Faq($"Twice scheduled {i}?"));
                ScheduleParts.SetPublish(faq, at);
                var created = await sp.GetRequiredService<ContentService>().CreateAsync(faq, publish: false, new ContentUser("chief-id", "chief") { CanReview = true, CanPublish = true });
                Assert.True(created.Succeeded, string.Join(" ", created.Errors));
                return created.Item!.ContentItemId;
            }));
        }

        _clock.Advance(TimeSpan.FromMinutes(6));
        // Both background loops run every second; a few more checks on each, at the same moment, race them harder.
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { RunAsync(_a), RunAsync(_b) }));
        Assert.True(await ScheduledPublishingTests.Until(async () => (await PublishedCountAsync(ids)) == ids.Count));

        foreach (var id in ids)
        {
            var versions = await _b.InScopeAsync(sp => sp.GetRequiredService<ContentService>().ListVersionsAsync(id));
            Assert.Single(versions); // published in place: no duplicate version
            Assert.True(versions[0].Published);
            Assert.Equal(1, _changesOfA.Count(id) + _changesOfB.Count(id)); // one Published change, announced by whichever instance won
        }
        Assert.All(runs.SelectMany(r => r).Where(r => ids.Contains(r.Due.ContentItemId)), r => Assert.True(r.Outcome is ScheduledOutcome.Published or ScheduledOutcome.NotClaimed));
    }

    private static async Task<IReadOnlyList<ScheduledRun>> RunAsync(ClinicCmsApp app)
    {
        await Task.Yield();
        return await app.Services.GetRequiredService<ClinicCms.Web.Scheduling.PublishScheduler>().RunOnceAsync();
    }

    private Task<int> PublishedCountAsync(List<string> ids) => _b.InScopeAsync(async sp =>
    {
        var content = sp.GetRequiredService<ContentService>();
        var count = 0;
        foreach (var id in ids)
        {
            count += await content.GetAsync(id, VersionOptions.Published) is null ? 0 : 1;
        }
        return count;
    });

    private ClinicCmsApp Instance(PublishedChanges changes) => new(
        data: _data,
        settings: ScheduleSite.Settings,
        services: s => s.AddSingleton<TimeProvider>(_clock).AddSingleton(changes).AddContentChangeListener<PublishedChanges>());

    public async ValueTask DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        _data.Dispose(); // and the database named after it
    }

    /// <summary>Counts the Published changes an instance announced of its own writes.</summary>
    private sealed class PublishedChanges : IContentChangeListener
    {
        private readonly ConcurrentDictionary<string, int> _counts = new();

        public int Count(string id) => _counts.GetValueOrDefault(id);

        public void OnChanged(IReadOnlyList<ContentChange> changes, bool local)
        {
            foreach (var change in changes.Where(c => local && c.Kind == ChangeKind.Published && c.ContentItemId is not null))
            {
                _counts.AddOrUpdate(change.ContentItemId!, 1, (_, n) => n + 1);
            }
        }
    }
}
