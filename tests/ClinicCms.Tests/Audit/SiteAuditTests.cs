using System.Net;
using ClinicCms.Content.Audit;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Audit;

/// <summary>Sign-ins, users, roles, API clients, content types and recipe runs land in the audit trail, with who and from where.</summary>
[Collection(nameof(AuditSite))]
public sealed class SiteAuditTests(AuditSite site)
{
    [Fact]
    public async Task A_sign_in_and_a_failed_one_are_recorded_with_the_address_and_never_the_password()
    {
        var before = await site.LastIdAsync();
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword, from: "198.51.100.30");
        using var stranger = site.Site.Anonymous();
        stranger.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.31");
        var typed = "nobody\u0007<i>" + new string('x', 500);
        using (var failed = await SecuredSite.PostLoginAsync(stranger, typed, "Secret-guess-77"))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode); // the form again, with the message
        }

        var rows = await site.RowsAsync(r => r.Id > before && r.Category == AuditCategories.SignIn);
        Assert.Equal([AuditEvents.SignedIn, AuditEvents.SignInFailed], rows.Select(r => r.Event));
        Assert.Equal(("admin", "198.51.100.30"), (rows[0].UserName, rows[0].Address));
        Assert.NotNull(rows[0].UserId);
        var failure = rows[1];
        Assert.Equal("198.51.100.31", failure.Address);
        Assert.Null(failure.UserId);
        Assert.Null(failure.UserName); // an unknown name may be a password typed in the wrong box: not kept
        Assert.Equal("unknown user name", failure.Detail);

        // A password typed as the user name is not kept either; a known user's failure names them.
        using (var wrongBox = await SecuredSite.PostLoginAsync(stranger, "Secret-guess-78", "anything"))
        using (var known = await SecuredSite.PostLoginAsync(stranger, "admin", "Secret-guess-79"))
        {
            Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        }
        var later = await site.RowsAsync(r => r.Id > failure.Id && r.Category == AuditCategories.SignIn);
        Assert.Equal([null, "admin"], later.Select(r => r.UserName));
        Assert.Empty(await site.RowsAsync(r => r.Id > before && ((r.Detail ?? "").Contains("Secret-guess") || (r.UserName ?? "").Contains("Secret-guess"))));
    }

    [Fact]
    public async Task Users_roles_and_clients_changed_in_the_admin_are_recorded_with_the_administrator_and_no_secret()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var before = await site.LastIdAsync();

        var users = await admin.GetStringAsync("/admin/users", ct);
        using (var created = await admin.PostAsync("/admin/users", Form(users, ("userName", "newnurse"), ("email", "newnurse@example.com"),
            ("password", "Nurse-password-1"), ("roles", "Author")), ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }
        var roles = await admin.GetStringAsync("/admin/roles/FaqAuditor", ct);
        using (var saved = await admin.PostAsync("/admin/roles/FaqAuditor", Form(roles, ("permissions", "AccessAdminPanel"), ("permissions", "ViewAuditTrail"),
            ("permissions", "View_FAQ"), ("permissions", "Preview_FAQ"), ("permissions", "ViewContentTypes")), ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var clients = await admin.GetStringAsync("/admin/clients", ct);
        string shown;
        using (var client = await admin.PostAsync("/admin/clients?handler=Create", Form(clients, ("clientId", "audit-app"), ("displayName", "Audit app")), ct))
        {
            Assert.Equal(HttpStatusCode.OK, client.StatusCode);
            shown = await client.Content.ReadAsStringAsync(ct);
        }

        var rows = await site.RowsAsync(r => r.Id > before);
        Assert.Equal([AuditEvents.UserCreated, AuditEvents.RoleChanged, AuditEvents.ClientCreated], rows.Select(r => r.Event));
        Assert.All(rows, r => Assert.Equal(("admin", AuditSite.Visitor), (r.UserName, r.Address)));
        Assert.Equal("user newnurse; roles: Author", rows[0].Detail);
        Assert.Equal("role FaqAuditor; added: ViewContentTypes", rows[1].Detail);
        Assert.Equal("client audit-app", rows[2].Detail);
        Assert.DoesNotContain(rows, r => (r.Detail ?? "").Contains("Nurse-password", StringComparison.Ordinal));
        var secret = System.Text.RegularExpressions.Regex.Match(shown, "id=\"new-secret\"[^>]*>([^<]+)<").Groups[1].Value;
        Assert.DoesNotContain(rows, r => secret.Length > 0 && (r.Detail ?? "").Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_type_change_names_the_type_and_a_recipe_run_writes_one_row_for_all_its_items()
    {
        var before = await site.LastIdAsync();
        var error = await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<DefinitionEditor>().ChangeAsync(defs =>
        {
            defs.FindType("Notice")!.DisplayName = "Notice board";
            return null;
        }));
        Assert.Null(error);
        var items = string.Join(",\n", Enumerable.Range(1, 25).Select(i =>
            $$"""{ "ContentItemId": "4auditrecipe{{i:D14}}", "ContentItemVersionId": "4auditrecipev{{i:D13}}", "ContentType": "Notice", "Published": true, "Latest": true, "TitlePart": { "Title": "Notice {{i}}" } }"""));
        var report = await site.Site.App.RunRecipeTextAsync($$"""{ "name": "notices", "steps": [ { "name": "Content", "data": [ {{items}} ] } ] }""", "notices.recipe.json");
        Assert.Equal(25, report.ItemsCreated);

        var rows = await site.RowsAsync(r => r.Id > before);
        Assert.Equal([AuditEvents.TypeChanged, AuditEvents.RecipeRun], rows.Select(r => r.Event));
        Assert.Equal("type changed: Notice (display name)", rows[0].Detail);
        Assert.Equal("notices: 25 items created, 0 updated, 0 unchanged", rows[1].Detail);
    }

    [Fact]
    public async Task A_role_or_type_change_names_what_it_added_removed_or_changed()
    {
        var before = await site.LastIdAsync();
        await site.Site.App.InScopeAsync(async sp =>
        {
            var roles = sp.GetRequiredService<ClinicCms.Content.Security.RoleStore>();
            await roles.SaveAsync(new("NoticeKeeper", null, ["View_Notice", "Preview_Notice"]));
            await roles.SaveAsync(new("NoticeKeeper", "Keeps the notices", ["View_Notice", "Edit_Notice"]));
            return true;
        });
        var error = await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<DefinitionEditor>().ChangeAsync(defs =>
        {
            var notice = defs.FindType("Notice")!;
            notice.Settings["ContentTypeSettings"]!["Description"] = "Notices on the board";
            notice.FindPart("TitlePart")!.Settings["ContentTypePartSettings"]!["Editor"] = "Standard";
            return null;
        }));
        Assert.Null(error);

        var rows = await site.RowsAsync(r => r.Id > before);
        Assert.Equal([AuditEvents.RoleChanged, AuditEvents.RoleChanged, AuditEvents.TypeChanged], rows.Select(r => r.Event));
        Assert.Equal("role NoticeKeeper created; permissions: Preview_Notice, View_Notice", rows[0].Detail);
        Assert.Equal("role NoticeKeeper; added: Edit_Notice; removed: Preview_Notice; description changed", rows[1].Detail);
        Assert.Equal("type changed: Notice (settings, part TitlePart changed)", rows[2].Detail);
    }

    [Fact]
    public async Task A_sign_out_and_the_reason_of_each_failed_sign_in_are_recorded()
    {
        await site.Site.App.RunRecipeTextAsync("""
            { "name": "lockout", "steps": [ { "name": "Users", "Users": [
                { "UserName": "lockaudit", "Email": "lockaudit@example.com", "Password": "Lockaudit-password-1", "RoleNames": [ "Author" ] } ] } ] }
            """, "lockout.recipe.json");
        var before = await site.LastIdAsync();
        using (var editor = await site.SignedInAsync("lockaudit", "Lockaudit-password-1", from: "198.51.100.40"))
        {
            var page = await editor.GetStringAsync("/logout");
            using var signedOut = await editor.PostAsync("/logout", Form(page));
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }
        using var guesser = site.Site.Anonymous();
        guesser.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.41");
        for (var attempt = 0; attempt < 6; attempt++)
        {
            using var failed = await SecuredSite.PostLoginAsync(guesser, "lockaudit", $"Wrong-guess-{attempt}");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var rows = await site.RowsAsync(r => r.Id > before && r.Category == AuditCategories.SignIn);
        Assert.Equal([AuditEvents.SignedIn, AuditEvents.SignedOut], rows.Take(2).Select(r => r.Event));
        Assert.Equal(("lockaudit", "198.51.100.40"), (rows[1].UserName, rows[1].Address));
        Assert.Equal(["wrong password", "wrong password", "wrong password", "wrong password", "wrong password; address locked out for 15 minutes", "locked out from this address"],
            rows.Skip(2).Select(r => r.Detail));
        Assert.All(rows.Skip(2), r => Assert.Equal((AuditEvents.SignInFailed, "lockaudit", "198.51.100.41"), (r.Event, r.UserName, r.Address)));
    }

    [Fact]
    public async Task A_recipe_that_creates_or_promotes_users_writes_a_row_for_each_user()
    {
        var before = await site.LastIdAsync();
        await site.Site.App.RunRecipeTextAsync("""
            { "name": "innocuous", "steps": [ { "name": "Users", "Users": [
                { "UserName": "recipenurse", "Email": "recipenurse@example.com", "Password": "Nurse-password-2", "RoleNames": [ "Author" ] },
                { "UserName": "recipenurse", "RoleNames": [ "Administrator" ] } ] } ] }
            """, "innocuous.recipe.json");
        var rows = await site.RowsAsync(r => r.Id > before && r.Category == AuditCategories.User);
        Assert.Equal([AuditEvents.UserCreated, AuditEvents.UserChanged], rows.Select(r => r.Event));
        Assert.Equal("user recipenurse; roles: Author; by recipe; password set", rows[0].Detail);
        Assert.Equal("user recipenurse; roles: Administrator; by recipe", rows[1].Detail);
        Assert.DoesNotContain(rows, r => (r.Detail ?? "").Contains("Nurse-password", StringComparison.Ordinal));
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", SecuredSite.AntiforgeryToken(page))]);
}
