using System.Net;
using ClinicCms.Content.Definitions;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Fields;

/// <summary>HTML and Markdown fields share the Sanitize setting on the field page: on unless turned off.</summary>
public sealed class SanitizeSettingTests
{
    private const string Page = "/admin/types/FAQ/fields/FAQ/Answer";

    [Fact]
    public async Task A_markdown_fields_sanitize_setting_shows_checked_and_is_saved_off_when_unchecked()
    {
        await using var site = new SecuredSite(new ClinicCmsApp());
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);

        var page = await admin.GetStringAsync(Page);
        var values = BadInputTests.FormValues(page);
        var wasOn = values.Remove("sanitize");
        using var saved = await admin.PostAsync(Page, new FormUrlEncodedContent(values));
        var setting = await site.App.InScopeAsync(async sp => (await sp.GetRequiredService<ContentDefinitionStore>().GetAsync())
            .FindPart("FAQ")!.FindField("Answer")!.Settings["MarkdownFieldSettings"]!["SanitizeHtml"]!.GetValue<bool>());

        Assert.True(wasOn);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.False(setting);
    }
}
