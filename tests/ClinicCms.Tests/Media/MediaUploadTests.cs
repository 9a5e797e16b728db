using System.Net;
using ClinicCms.Content.Audit;
using ClinicCms.Content.Store;
using ClinicCms.Tests.Admin;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Media;

/// <summary>
/// An upload never replaces a file (as Orchard Core's file store refuses to): an Editor cannot swap the image of a
/// reviewed, published page by uploading another file of its name. Uploads, moves and deletes are in the audit trail.
/// </summary>
public sealed class MediaUploadTests : IAsyncLifetime
{
    private const string Taken = "a file of that name exists; delete it first or upload it under another name";

    private SecuredSite _site = null!;

    private MediaStore Store => _site.App.Services.GetRequiredService<MediaStore>();

    public async ValueTask InitializeAsync() => _site = await SecuredSite.StartAsync();

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task A_second_upload_of_a_name_is_refused_the_stored_bytes_stay_and_the_other_files_of_the_upload_go_in()
    {
        var ct = TestContext.Current.CancellationToken;
        using var editor = await _site.SignedInAsync("chief", "Chief-password-1");
        using var first = await MediaBrowserTests.UploadAsync(editor, "a.png", "first");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var again = await UploadAsync(editor, "/admin/media?handler=Upload", ("a.png", "second"), ("b.png", "b"), ("A.png", "upper"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains($"a.png: {Taken}", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync(ct)), StringComparison.Ordinal);
        Assert.Equal("first", await File.ReadAllTextAsync(Store.Resolve("a.png"), ct));
        Assert.Equal("b", await File.ReadAllTextAsync(Store.Resolve("b.png"), ct));
        Assert.Equal("upper", await File.ReadAllTextAsync(Store.Resolve("A.png"), ct)); // another name on Linux, as the check and the write agree

        // The media picker's upload, and a name that is made safe into one that exists: refused, naming the stored name.
        using var picker = await UploadAsync(editor, "/admin/media?handler=Picker", ("a.png", "picker"));
        using var made = await UploadAsync(editor, "/admin/media?handler=Upload", ("-A.png", "made"));
        Assert.Equal(HttpStatusCode.BadRequest, picker.StatusCode);
        Assert.Contains($"a.png: {Taken}", await picker.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, made.StatusCode);
        Assert.Contains("-A.png: a file of that name (A.png) exists", WebUtility.HtmlDecode(await made.Content.ReadAsStringAsync(ct)), StringComparison.Ordinal);
        Assert.Equal("first", await File.ReadAllTextAsync(Store.Resolve("a.png"), ct));
        Assert.Equal("upper", await File.ReadAllTextAsync(Store.Resolve("A.png"), ct));
        Assert.Equal(["A.png", "a.png", "b.png"], Store.AllFiles());
    }

    [Fact]
    public async Task Of_uploads_of_one_name_at_the_same_time_one_is_saved_and_the_others_are_refused()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes($"upload {i}");
            var (path, error) = await Store.SaveAsync("race", "photo.png", new MemoryStream(bytes), bytes.Length);
            return (Content: $"upload {i}", path, error);
        })));

        var saved = Assert.Single(results, r => r.error is null);
        Assert.All(results.Where(r => r.error is not null), r => Assert.Equal(Taken, r.error!.Message));
        Assert.Equal(saved.Content, await File.ReadAllTextAsync(Store.Resolve("race/photo.png"), TestContext.Current.CancellationToken));
        Assert.Equal(["race/photo.png"], Store.AllFiles()); // no temporary file left behind
    }

    [Fact]
    public async Task Uploads_moves_and_deletes_are_in_the_audit_trail_by_the_user_who_made_them()
    {
        var ct = TestContext.Current.CancellationToken;
        using var editor = await _site.SignedInAsync("chief", "Chief-password-1");
        using var upload = await MediaBrowserTests.UploadAsync(editor, "hero.png", "hero");
        using var refused = await MediaBrowserTests.UploadAsync(editor, "hero.png", "another");
        using var moved = await MediaStorageTests.PostAsync(editor, "Move", new() { ["path"] = "hero.png", ["to"] = "old/hero.png" });
        using var deleted = await MediaStorageTests.PostAsync(editor, "Delete", new() { ["path"] = "old/hero.png" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        var rows = await _site.App.InScopeAsync(sp => sp.GetRequiredService<ClinicCmsDbContext>().AuditTrail.AsNoTracking()
            .Where(r => r.Category == AuditCategories.Media).OrderBy(r => r.Id).ToListAsync(ct));
        Assert.Equal(
            [(AuditEvents.MediaUploaded, "hero.png"), (AuditEvents.MediaMoved, "hero.png -> old/hero.png"), (AuditEvents.MediaDeleted, "old/hero.png")],
            rows.Select(r => (r.Event, r.Detail)));
        Assert.All(rows, r => Assert.Equal("chief", r.UserName));

        using var admin = await _site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var page = await admin.GetStringAsync("/admin/audit?category=media", ct);
        Assert.Contains("hero.png -&gt; old/hero.png", page, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string url, params (string Name, string Content)[] files)
    {
        using var form = new MultipartFormDataContent { { new StringContent(SecuredSite.AntiforgeryToken(await http.GetStringAsync("/admin/media"))), "__RequestVerificationToken" } };
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)), "files", name);
        }
        return await http.PostAsync(url, form);
    }
}
