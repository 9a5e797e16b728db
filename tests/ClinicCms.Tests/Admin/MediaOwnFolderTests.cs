using System.Net;
using System.Text.Json.Nodes;
using ClinicCms.Tests.Security;
using ClinicCms.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// ManageOwnMediaContent (Authors, Contributors): the media page and picker over HTTP, confined to the user's own folder.
/// A site of its own: its sign-ins would spend the shared admin site's sign-in budget.
/// </summary>
public sealed class MediaOwnFolderTests(SharedSecuredSite shared) : IClassFixture<SharedSecuredSite>
{
    [Fact]
    public async Task Authors_and_contributors_manage_only_their_own_folder()
    {
        var site = shared.Site;
        var root = site.App.Services.GetRequiredService<MediaStore>().Root;
        using var author = await site.SignedInAsync("writer", "Writer-password-1");
        using var contributor = await site.SignedInAsync("contrib", "Contrib-password-1");
        using var editor = await site.SignedInAsync("chief", "Chief-password-1");
        var token = SecuredSite.AntiforgeryToken(await author.GetStringAsync("/admin/media"));
        var editorToken = SecuredSite.AntiforgeryToken(await editor.GetStringAsync("/admin/media"));
        using var library = await editor.PostAsync("/admin/media?handler=Picker", MediaPickerAccessTests.Upload("own-folder-shared.png", [1, 2, 3], editorToken));
        Assert.Equal(HttpStatusCode.OK, library.StatusCode);
        const string own = "_Users/4writer0000000000000000001";

        // The picker and the page open at the user's own folder, with no way up out of it.
        var listing = JsonNode.Parse(await author.GetStringAsync("/admin/media?handler=List"))!;
        Assert.Equal(own, listing["folder"]!.GetValue<string>());
        Assert.Null(listing["parent"]);
        using var upload = await author.PostAsync("/admin/media?handler=Picker", MediaPickerAccessTests.Upload("my photo.png", [4, 5, 6], token));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal($"{own}/my-photo.png", JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["paths"]![0]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(root, own, "my-photo.png")));
        var page = await author.GetStringAsync("/admin/media");
        Assert.Contains("my-photo.png", page, StringComparison.Ordinal);
        Assert.DoesNotContain("own-folder-shared.png", page, StringComparison.Ordinal);

        // Anything outside it: another folder, the root, another user's folder, by name or with "..".
        foreach (var folder in new[] { "logos", "_Users", "_Users/someone-else", "../../logos" })
        {
            using var list = await author.GetAsync($"/admin/media?handler=List&folder={Uri.EscapeDataString(folder)}");
            using var put = await author.PostAsync($"/admin/media?handler=Picker&folder={Uri.EscapeDataString(folder)}", MediaPickerAccessTests.Upload("stray.png", [1], token));
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
            Assert.Contains("only your own media folder", JsonNode.Parse(await list.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        }
        Assert.Empty(Directory.GetFiles(root, "stray.png", SearchOption.AllDirectories));
        using var folderOutside = await author.PostAsync("/admin/media?handler=Folder&folder=logos", Form(token, ("name", "stray")));
        using var uploadOutside = await author.PostAsync("/admin/media?handler=Upload&folder=logos", MediaPickerAccessTests.Upload("stray.png", [1], token));
        using var lowerCase = await author.GetAsync("/admin/media?handler=list&folder=logos");
        Assert.Equal(HttpStatusCode.Forbidden, folderOutside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, uploadOutside.StatusCode);
        Assert.Contains("only your own media folder", await folderOutside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("only your own media folder", JsonNode.Parse(await lowerCase.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root, "logos", "stray")));
        Assert.Empty(Directory.GetFiles(root, "stray.png", SearchOption.AllDirectories));
        using var delete = await author.PostAsync("/admin/media?handler=Delete", Form(token, ("path", "own-folder-shared.png")));
        using var take = await author.PostAsync("/admin/media?handler=Move", Form(token, ("path", "own-folder-shared.png"), ("to", $"{own}/taken.png")));
        using var give = await author.PostAsync("/admin/media?handler=Move", Form(token, ("path", $"{own}/my-photo.png"), ("to", "my-photo.png")));
        Assert.All(new[] { delete, take, give }, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        // ".." segments are dropped, not followed: this names a file in the user's own folder (there is none).
        using var climb = await author.PostAsync("/admin/media?handler=Delete", Form(token, ("path", $"{own}/../../own-folder-shared.png")));
        Assert.Equal(HttpStatusCode.Redirect, climb.StatusCode);
        Assert.True(File.Exists(Path.Combine(root, "own-folder-shared.png")));
        Assert.True(File.Exists(Path.Combine(root, own, "my-photo.png")));
        Assert.False(File.Exists(Path.Combine(root, "my-photo.png")));

        // A file where a folder is named: the user's mistake (400), not the server's storage (507).
        using var folderOverFile = await author.PostAsync("/admin/media?handler=Folder", Form(token, ("name", "my-photo.png")));
        using var uploadIntoFile = await author.PostAsync($"/admin/media?handler=Picker&folder={own}/my-photo.png", MediaPickerAccessTests.Upload("q.png", [1], token));
        Assert.Equal(HttpStatusCode.BadRequest, folderOverFile.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, uploadIntoFile.StatusCode);
        Assert.Contains("is a file, not a folder", JsonNode.Parse(await uploadIntoFile.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        using var noName = await author.PostAsync("/admin/media?handler=Folder", Form(token, ("name", "..")));
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("a folder name is required", await noName.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Inside it, the usual operations; another user has a folder of their own and cannot open this one.
        using var rename = await author.PostAsync("/admin/media?handler=Move", Form(token, ("path", $"{own}/my-photo.png"), ("to", $"{own}/kept/photo.png")));
        Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        Assert.True(File.Exists(Path.Combine(root, own, "kept", "photo.png")));
        using var notEmpty = await author.PostAsync("/admin/media?handler=Delete", Form(token, ("path", $"{own}/kept")));
        Assert.Equal(HttpStatusCode.BadRequest, notEmpty.StatusCode);
        Assert.Contains("the folder is not empty", await notEmpty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, own, "kept", "photo.png")));
        var theirs = JsonNode.Parse(await contributor.GetStringAsync("/admin/media?handler=List"))!["folder"]!.GetValue<string>();
        Assert.StartsWith("_Users/", theirs, StringComparison.Ordinal);
        Assert.NotEqual(own, theirs);
        using var peek = await contributor.GetAsync($"/admin/media?handler=List&folder={own}");
        Assert.Equal(HttpStatusCode.Forbidden, peek.StatusCode);
        // An editor manages the whole library, users' folders included.
        var everything = JsonNode.Parse(await editor.GetStringAsync($"/admin/media?handler=List&folder={own}/kept"))!;
        Assert.Equal($"{own}/kept/photo.png", Assert.Single(everything["entries"]!.AsArray())!["path"]!.GetValue<string>());
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
}
