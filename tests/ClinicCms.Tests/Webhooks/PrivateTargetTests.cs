using System.Net;
using ClinicCms.Content.Webhooks;
using ClinicCms.Recipes;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>
/// With <c>AllowPrivateTargets</c> off (the default), a webhook whose URL is a literal non-public address is not saved
/// (admin, recipe), and one whose name resolves to this host fails at once, its log saying why.
/// </summary>
public sealed class PrivateTargetTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private SecuredSite _site = null!;

    private ClinicCmsApp App => _site.App;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _site = await SecuredSite.StartAsync(new ClinicCmsApp(settings: WebhookSite.Settings(allowPrivate: false)));
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_at_once_without_retries_and_the_attempt_says_why()
    {
        // By name: the check is on the address connected to, after DNS. A refusal is final, not retried.
        var byName = await WebhookSite.SubscribeAsync(App, "by-name", _receiver.Url("by-name").Replace("127.0.0.1", "localhost", StringComparison.Ordinal), [WebhookEvents.ContentPublished]);
        await WebhookSite.CreateFaqAsync(App, "Does a webhook reach this host?");

        Assert.True(await WebhookSite.Until(async () => (await WebhookSite.DeliveriesAsync(App, byName)).Single().State == WebhookDeliveryState.Failed));
        var attempt = Assert.Single(await WebhookSite.AttemptsAsync(App, byName));
        Assert.Null(attempt.StatusCode);
        Assert.Contains("loopback address", attempt.Error, StringComparison.Ordinal);
        Assert.Contains("AllowPrivateTargets is off", attempt.Error, StringComparison.Ordinal);
        Assert.Empty(_receiver.Requests);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook", "loopback")]
    [InlineData("http://[::1]/hook", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("http://[2002:c0a8:101::1]/hook", "private")]
    [InlineData("http://[::ffff:0:7f00:1]:8099/", "loopback")]
    [InlineData("http://192.0.2.2:8099/", "documentation")]
    [InlineData("http://[2001:db8::5]/hook", "documentation")]
    public async Task A_literal_non_public_address_is_not_saved_and_the_error_names_Url(string url, string kind)
    {
        var (row, errors) = await App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().SaveAsync(null, new WebhookInput("literal", url, [WebhookEvents.ContentPublished], [], null, true)));
        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal("Url", error.Path);
        Assert.Contains(kind, error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowPrivateTargets is off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_addresses_of_this_hosts_network_interfaces_are_not_saved()
    {
        foreach (var address in HostAddresses.Current.Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal))
        {
            var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            var (row, errors) = await App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().SaveAsync(null,
                new WebhookInput("own-address", $"http://{host}:8099/", [WebhookEvents.ContentPublished], [], null, true)));
            Assert.Null(row);
            Assert.Contains("AllowPrivateTargets is off", Assert.Single(errors).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_stored_webhook_to_an_address_refused_since_it_was_saved_fails_at_delivery_without_retries()
    {
        // Imported without the URL rules, as a webhook saved before these addresses were refused is stored.
        var port = new Uri(_receiver.BaseUrl).Port;
        var own = HostAddresses.Current.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        var urls = new Dictionary<string, string> { ["translated"] = $"http://[::ffff:0:7f00:1]:{port}/hook/translated/ok" };
        if (own is not null)
        {
            urls["own-address"] = $"http://{own}:{port}/hook/own-address/ok";
        }
        await App.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<WebhookStore>().ImportAsync([.. urls.Select(u => new WebhookInput(u.Key, u.Value, [WebhookEvents.ContentPublished], [], WebhookReceiver.Secret, true))]);
            return 0;
        });
        var hooks = (await App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().ListAsync())).Where(w => urls.ContainsKey(w.Name)).ToDictionary(w => w.Name, w => w.Id);
        await WebhookSite.CreateFaqAsync(App, "Does a webhook reach this host by another address?");

        Assert.Equal(urls.Count, hooks.Count);
        foreach (var id in hooks.Values)
        {
            Assert.True(await WebhookSite.Until(async () => (await WebhookSite.DeliveriesAsync(App, id)).Single().State == WebhookDeliveryState.Failed));
            var attempt = Assert.Single(await WebhookSite.AttemptsAsync(App, id));
            Assert.StartsWith("refused: ", attempt.Error, StringComparison.Ordinal);
            Assert.Contains("AllowPrivateTargets is off", attempt.Error, StringComparison.Ordinal);
        }
        Assert.Contains("loopback", (await WebhookSite.AttemptsAsync(App, hooks["translated"])).Single().Error, StringComparison.Ordinal);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task The_admin_answers_400_naming_Url_and_the_recipe_step_names_its_path_and_neither_saves()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await _site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var token = SecuredSite.AntiforgeryToken(await admin.GetStringAsync("/admin/webhooks", ct));
        using var created = await admin.PostAsync("/admin/webhooks?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "admin-private",
            ["Form.Url"] = "http://10.0.0.5/hook",
            ["Form.Events"] = WebhookEvents.ContentPublished,
            ["__RequestVerificationToken"] = token,
        }), ct);
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("Url: 10.0.0.5 is a private address", WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync(ct)), StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<RecipeException>(() => App.RunRecipeTextAsync("""
            { "name": "private", "steps": [ { "name": "Webhooks", "Webhooks": [
                { "Name": "recipe-private", "Url": "http://[::ffff:127.0.0.1]/hook", "Events": [ "content.published" ] } ] } ] }
            """, "private.recipe.json"));
        Assert.Contains(error.Errors, e => e.ToString().Contains("Webhooks[0].Url", StringComparison.Ordinal) && e.ToString().Contains("loopback", StringComparison.Ordinal));
        var names = (await App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().ListAsync())).Select(w => w.Name).ToList();
        Assert.DoesNotContain("admin-private", names);
        Assert.DoesNotContain("recipe-private", names);
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _receiver.DisposeAsync();
    }
}
