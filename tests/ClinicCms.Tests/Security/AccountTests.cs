using System.Net;
using System.Net.Http.Json;
using ClinicCms.Content.Security;
using ClinicCms.Content.Store;
using ClinicCms.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Security;

public sealed class AccountTests(SharedSecuredSite shared) : IClassFixture<SharedSecuredSite>
{
    [Fact]
    public async Task Client_secrets_and_passwords_are_stored_only_as_hashes()
    {
        var site = shared.Site;

        var (secrets, passwords) = await site.App.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            var apps = await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().Select(a => a.ClientSecret).ToListAsync();
            var users = await db.Users.Select(u => u.PasswordHash).ToListAsync();
            return (apps, users);
        });

        Assert.NotEmpty(secrets);
        Assert.DoesNotContain(secrets, s => s is null || s.Contains("secret-1", StringComparison.Ordinal));
        Assert.DoesNotContain(passwords, p => p is null || p.Contains("password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_every_other_copy_of_its_cookie()
    {
        var site = shared.Site;
        using var http = await site.SignedInAsync("reader", "Reader-password-1");
        using var elsewhere = await site.SignedInAsync("reader", "Reader-password-1"); // another device, or a copied cookie
        using var before = await http.PostAsJsonAsync("/api/graphql", new { query = "{ faqCount }" });

        var page = await http.GetStringAsync("/logout");
        var token = SecuredSite.AntiforgeryToken(page);
        using var logout = await http.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var after = await http.PostAsJsonAsync("/api/graphql", new { query = "{ faqCount }" });
        using var afterElsewhere = await elsewhere.PostAsJsonAsync("/api/graphql", new { query = "{ faqCount }" });

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterElsewhere.StatusCode); // signing out renews the security stamp
    }

    [Fact]
    public async Task The_roles_step_replaces_adds_and_removes_permissions()
    {
        var site = shared.Site;
        var recipe = Path.Combine(site.App.Data.Path, "roles.recipe.json");
        await File.WriteAllTextAsync(recipe, """
            { "steps": [ { "name": "Roles", "Roles": [
                { "Name": "ApiReader", "PermissionBehavior": "Add", "Permissions": [ "PreviewContent" ] },
                { "Name": "NoGraph", "PermissionBehavior": "Remove", "Permissions": [ "ViewContent" ] },
                { "Name": "GraphOnly", "PermissionBehavior": "Replace", "Permissions": [ "ViewContent" ] },
                { "Name": "Author", "PermissionBehavior": "Replace", "Permissions": [] } ] } ] }
            """);

        await site.App.RunRecipeAsync(recipe);
        var roles = (await site.App.InScopeAsync(sp => sp.GetRequiredService<RoleStore>().ListAsync())).ToDictionary(r => r.Name, r => r.Permissions);

        Assert.Equal(["AccessContentApi", "ExecuteGraphQL", "PreviewContent", "ViewContent"], roles["ApiReader"]);
        Assert.Equal(["AccessContentApi"], roles["NoGraph"]);
        Assert.Equal(["ViewContent"], roles["GraphOnly"]);
        Assert.Equal(Stereotypes.Defaults["Author"].Order(StringComparer.Ordinal), roles["Author"]); // a stereotype keeps its defaults
    }

    [Fact]
    public async Task A_users_step_with_a_weak_password_or_an_unknown_role_names_the_problem_and_changes_nothing()
    {
        var site = shared.Site;
        var recipe = Path.Combine(site.App.Data.Path, "users.recipe.json");
        await File.WriteAllTextAsync(recipe, """
            { "steps": [ { "name": "Users", "Users": [
                { "UserName": "weak", "Email": "weak@example.com", "Password": "short" },
                { "UserName": "lost", "Email": "lost@example.com", "Password": "Lost-password-123", "RoleNames": [ "Wizard" ] } ] } ] }
            """);

        var error = await Assert.ThrowsAsync<RecipeException>(() => site.App.RunRecipeAsync(recipe));

        Assert.Contains(error.Errors, e => e.ToString().StartsWith("users.recipe.json: steps[0] (Users) Users[0].Password: Passwords must be at least 12 characters.", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.ToString() == "users.recipe.json: steps[0] (Users) Users[1].RoleNames: no role 'Wizard'");
        Assert.Equal(0, await site.App.InScopeAsync(sp => sp.GetRequiredService<ClinicCmsDbContext>().Users.CountAsync(u => u.UserName == "weak" || u.UserName == "lost")));
    }

    [Fact]
    public async Task An_oversized_rest_body_is_413()
    {
        var site = shared.Site;
        using var editor = site.WithToken(await site.TokenAsync("editor-app", "Editor-app-secret-1"));

        using var response = await editor.PostAsync("/api/content", new StringContent("{\"ContentType\":\"FAQ\",\"X\":\"" + new string('a', 1_100_000) + "\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

}
