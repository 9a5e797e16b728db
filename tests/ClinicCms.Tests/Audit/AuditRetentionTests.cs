using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Audit;

/// <summary>The daily pass deletes rows older than ClinicCms:Audit:RetentionDays (365 by default) and keeps the rest.</summary>
[Collection(nameof(AuditSite))]
public sealed class AuditRetentionTests(AuditSite site)
{
    [Fact]
    public async Task The_retention_pass_deletes_rows_older_than_the_retention_and_keeps_newer_ones()
    {
        string old, recent;
        site.Clock.Offset = TimeSpan.FromDays(-400);
        try
        {
            old = await CreateAsync("A notice of last year");
        }
        finally
        {
            site.Clock.Offset = TimeSpan.Zero;
        }
        site.Clock.Offset = TimeSpan.FromDays(-300);
        try
        {
            recent = await CreateAsync("A notice of this year");
        }
        finally
        {
            site.Clock.Offset = TimeSpan.Zero;
        }
        Assert.Single(await site.RowsAsync(r => r.ContentItemId == old));

        var deleted = await site.Site.App.Services.GetRequiredService<AuditRetention>().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.True(deleted >= 1);
        Assert.Empty(await site.RowsAsync(r => r.ContentItemId == old));
        Assert.Single(await site.RowsAsync(r => r.ContentItemId == recent));
        Assert.NotNull(await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().GetAsync(old, VersionOptions.Latest))); // the item itself stays
    }

    private async Task<string> CreateAsync(string title)
    {
        var result = await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(ContentService.New("Notice").WithTitle(title), publish: false, ContentUser.System));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.Item!.ContentItemId;
    }
}
