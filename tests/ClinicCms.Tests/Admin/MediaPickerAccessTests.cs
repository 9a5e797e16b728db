using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Admin;

/// <summary>The media picker's listing and upload, over HTTP: the media page's rights and antiforgery, safe names, refused files.</summary>
[Collection(nameof(AdminSite))]
public sealed class MediaPickerAccessTests(SharedSecuredSite shared)
{
    [Fact]
    public async Task Listing_needs_media_rights_and_stays_inside_the_library()
    {
        var site = shared.Site;
        using var anonymous = site.Anonymous();
        using var reader = await site.SignedInAsync("reader", "Reader-password-1");
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);

        using var notSignedIn = await anonymous.GetAsync("/admin/media?handler=List");
        using var noRights = await reader.GetAsync("/admin/media?handler=List");
        var outside = JsonNode.Parse(await admin.GetStringAsync("/admin/media?handler=List&folder=../../.."))!;

        Assert.Equal(HttpStatusCode.Redirect, notSignedIn.StatusCode);
        Assert.StartsWith("/login", notSignedIn.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, noRights.StatusCode);
        Assert.Equal("/denied", noRights.Headers.Location!.AbsolutePath);
        Assert.DoesNotContain("..", outside["folder"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(outside["entries"]!.AsArray(), e => Assert.DoesNotContain("..", e!["path"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upload_needs_the_antiforgery_token_gets_a_safe_name_and_a_refused_file_changes_nothing()
    {
        var site = shared.Site;
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var token = SecuredSite.AntiforgeryToken(await admin.GetStringAsync("/admin/media"));
        var root = site.App.Services.GetRequiredService<MediaStore>().Root;

        using var forged = await admin.PostAsync("/admin/media?handler=Picker", Upload("forged.png", [1, 2, 3], token: null));
        using var sneaky = await admin.PostAsync("/admin/media?handler=Picker", Upload("../../picker <b>é</b>.png", [1, 2, 3], token));
        using var script = await admin.PostAsync("/admin/media?handler=Picker", Upload("picker-bad.svg", MediaBrowserTests.Exploit.Select(c => (byte)c).ToArray(), token));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(File.Exists(Path.Combine(root, "forged.png")));
        Assert.Equal(HttpStatusCode.OK, sneaky.StatusCode);
        var saved = JsonNode.Parse(await sneaky.Content.ReadAsStringAsync())!["paths"]![0]!.GetValue<string>();
        Assert.DoesNotContain("..", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("<", saved, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, saved)));
        Assert.Equal(HttpStatusCode.BadRequest, script.StatusCode);
        Assert.Contains("picker-bad.svg", JsonNode.Parse(await script.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root, "picker-bad.svg")));
    }

    internal static MultipartFormDataContent Upload(string name, byte[] bytes, string? token)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "files", name);
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }
        return form;
    }
}
