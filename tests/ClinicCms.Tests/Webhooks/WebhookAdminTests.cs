using System.Net;
using System.Text.RegularExpressions;
using ClinicCms.Content.Webhooks;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>/admin/webhooks: who may use it, the secret shown once, bad input, and the delivery log's redeliver.</summary>
[Collection(WebhookSite.Collection)]
public sealed partial class WebhookAdminTests(WebhookSite site)
{
    [Fact]
    public async Task Anonymous_callers_are_sent_to_sign_in_and_an_editor_without_ManageWebhooks_is_refused_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = site.Site.Anonymous();
        using (var page = await anonymous.GetAsync("/admin/webhooks", ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        using var chief = await site.Site.SignedInAsync("chief", "Chief-password-1");
        var token = SecuredSite.AntiforgeryToken(await chief.GetStringAsync("/admin", ct));
        foreach (var send in new Func<Task<HttpResponseMessage>>[]
        {
            () => chief.GetAsync("/admin/webhooks", ct),
            () => chief.GetAsync("/admin/webhooks/1", ct),
            () => chief.PostAsync("/admin/webhooks?handler=Create", Form(token, ("Form.Name", "by-chief"), ("Form.Url", "https://example.com/hook"), ("Form.Events", WebhookEvents.ContentPublished)), ct),
        })
        {
            using var response = await send();
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/denied", response.Headers.Location!.AbsolutePath);
        }
        using (var denied = await chief.GetAsync("/denied", ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }
        Assert.DoesNotContain("href=\"/admin/webhooks\"", await chief.GetStringAsync("/admin", ct), StringComparison.Ordinal);
        Assert.DoesNotContain(await ListAsync(), w => w.Name == "by-chief");
    }

    [Fact]
    public async Task An_administrator_creates_a_webhook_and_sees_its_secret_once_and_a_new_secret_once_and_never_again()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var page = await admin.GetStringAsync("/admin/webhooks", ct);
        Assert.Contains("href=\"/admin/webhooks\"", page, StringComparison.Ordinal);
        using var created = await admin.PostAsync("/admin/webhooks?handler=Create", Form(SecuredSite.AntiforgeryToken(page),
            ("Form.Name", "frontend cache"), ("Form.Url", "https://clinic.example/api/revalidate"), ("Form.Events", WebhookEvents.ContentPublished),
            ("Form.Events", WebhookEvents.ContentDeleted), ("Form.ContentTypes", "Article FAQ"), ("Form.Enabled", "true"), ("Form.Enabled", "false")), ct);
        var body = WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync(ct));
        Assert.True(created.StatusCode == HttpStatusCode.OK, body);
        var stored = (await ListAsync()).Single(w => w.Name == "frontend cache");
        Assert.Contains($"<code id=\"new-secret\">{stored.Secret}</code>", body, StringComparison.Ordinal);
        Assert.Equal([WebhookEvents.ContentPublished, WebhookEvents.ContentDeleted], stored.EventList);
        Assert.Equal(["Article", "FAQ"], stored.ContentTypeList);
        Assert.True(stored.Enabled);

        Assert.DoesNotContain(stored.Secret, WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/webhooks", ct)), StringComparison.Ordinal);
        var edit = await admin.GetStringAsync($"/admin/webhooks/{stored.Id}", ct);
        Assert.DoesNotContain(stored.Secret, WebUtility.HtmlDecode(edit), StringComparison.Ordinal);
        using (var asked = await admin.PostAsync($"/admin/webhooks/{stored.Id}?handler=ShowSecret", Form(SecuredSite.AntiforgeryToken(edit)), ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
            Assert.DoesNotContain(stored.Secret, WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync(ct)), StringComparison.Ordinal);
        }

        using var withoutToken = await admin.PostAsync($"/admin/webhooks/{stored.Id}?handler=NewSecret", Form(null), ct);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(stored.Secret, (await ListAsync()).Single(w => w.Id == stored.Id).Secret);
        var auditBefore = await site.App.InScopeAsync(sp => sp.GetRequiredService<ClinicCms.Content.Store.ClinicCmsDbContext>().AuditTrail.MaxAsync(r => (long?)r.Id)) ?? 0;
        using var rotated = await admin.PostAsync($"/admin/webhooks/{stored.Id}?handler=NewSecret", Form(SecuredSite.AntiforgeryToken(edit)), ct);
        var rotatedBody = WebUtility.HtmlDecode(await rotated.Content.ReadAsStringAsync(ct));
        var newSecret = (await ListAsync()).Single(w => w.Id == stored.Id).Secret;
        Assert.NotEqual(stored.Secret, newSecret);
        Assert.Contains($"<code id=\"secret\">{newSecret}</code>", rotatedBody, StringComparison.Ordinal);
        Assert.DoesNotContain(newSecret, WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/webhooks/{stored.Id}", ct)), StringComparison.Ordinal);
        var audit = await site.App.InScopeAsync(sp => sp.GetRequiredService<ClinicCms.Content.Store.ClinicCmsDbContext>().AuditTrail
            .Where(r => r.Id > auditBefore && r.Event == ClinicCms.Content.Audit.AuditEvents.WebhookChanged).Select(r => r.Detail).ToListAsync());
        Assert.Contains("webhook frontend cache given a new secret", audit);
        Assert.DoesNotContain(audit, d => d != null && d.Contains(newSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_answered_400_naming_each_field_and_saves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var token = SecuredSite.AntiforgeryToken(await admin.GetStringAsync("/admin/webhooks", ct));
        using var created = await admin.PostAsync("/admin/webhooks?handler=Create", Form(token,
            ("Form.Name", "bad <script>alert(1)</script>"), ("Form.Url", "file:///etc/passwd"), ("Form.Events", "content.exploded"), ("Form.ContentTypes", "../Article")), ct);
        var body = WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("Name: must be plain text", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", await created.Content.ReadAsStringAsync(ct), StringComparison.Ordinal); // echoed as text only
        Assert.Contains("Url: must be an http or https URL", body, StringComparison.Ordinal);
        Assert.Contains("Events[0]: unknown event \"content.exploded\"", body, StringComparison.Ordinal);
        Assert.Contains("ContentTypes[0]: \"../Article\" is not a content type name", body, StringComparison.Ordinal);
        Assert.DoesNotContain(await ListAsync(), w => w.Name.StartsWith("bad", StringComparison.Ordinal));

        var id = await WebhookSite.SubscribeAsync(site.App, "kept", "https://clinic.example/kept", [WebhookEvents.ContentPublished]);
        using var edited = await admin.PostAsync($"/admin/webhooks/{id}?handler=Save", Form(token, ("Form.Name", ""), ("Form.Url", "not a url"), ("Form.Events", WebhookEvents.MediaChanged)), ct);
        body = WebUtility.HtmlDecode(await edited.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        Assert.Contains("Name: required", body, StringComparison.Ordinal);
        Assert.Contains("Url: \"not a url\" is not an absolute URL", body, StringComparison.Ordinal);
        Assert.Equal("https://clinic.example/kept", (await ListAsync()).Single(w => w.Id == id).Url);

        using var missing = await admin.PostAsync("/admin/webhooks/999999?handler=Redeliver", Form(token, ("deliveryId", "msg_none")), ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_delivery_log_lists_each_attempt_and_Redeliver_sends_the_same_delivery_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await WebhookSite.SubscribeAsync(site.App, "logged", site.Receiver.Url("logged"), [WebhookEvents.ContentPublished]);
        await WebhookSite.CreateFaqAsync(site.App, "Is a delivery logged?");
        Assert.True(await WebhookSite.Until(async () => (await WebhookSite.DeliveriesAsync(site.App, id)).Any(d => d.State == WebhookDeliveryState.Delivered)));
        var delivery = (await WebhookSite.DeliveriesAsync(site.App, id)).Single();

        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var log = await admin.GetStringAsync($"/admin/webhooks/{id}", ct);
        Assert.Contains(delivery.Id, log, StringComparison.Ordinal);
        Assert.Matches(AttemptLine(), log);
        using var redeliver = await admin.PostAsync($"/admin/webhooks/{id}?handler=Redeliver", Form(SecuredSite.AntiforgeryToken(log), ("deliveryId", delivery.Id)), ct);
        Assert.Equal(HttpStatusCode.Redirect, redeliver.StatusCode);

        Assert.True(await WebhookSite.Until(() => site.Receiver.Of("logged").Count(r => r.Id == delivery.Id) == 2));
        Assert.True(await WebhookSite.Until(async () => (await WebhookSite.AttemptsAsync(site.App, id)).Count == 2));
        Assert.All(site.Receiver.Of("logged"), r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task A_media_upload_and_delete_are_delivered_as_media_changed_once_the_files_changed()
    {
        var ct = TestContext.Current.CancellationToken;
        var hook = await WebhookSite.SubscribeAsync(site.App, "media", site.Receiver.Url("media"), [WebhookEvents.MediaChanged]);
        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var token = SecuredSite.AntiforgeryToken(await admin.GetStringAsync("/admin/media", ct));
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "files", "hook-upload.png" }, { new StringContent(token), "__RequestVerificationToken" } };
        using var upload = await admin.PostAsync("/admin/media?handler=Picker", form, ct);
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync(ct));
        using var refused = await admin.PostAsync("/admin/media?handler=Delete", Form(token, ("path", "../")), ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var deleted = await admin.PostAsync("/admin/media?handler=Delete", Form(token, ("path", "hook-upload.png")), ct);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        Assert.Equal(2, (await WebhookSite.DeliveriesAsync(site.App, hook)).Count); // none for the refused delete
        Assert.True(await WebhookSite.Until(() => site.Receiver.Of("media").Count == 2));
        var received = site.Receiver.Of("media");
        Assert.Equal(2, received.Count);
        Assert.All(received, r =>
        {
            Assert.True(r.SignatureValid);
            var payload = System.Text.Json.Nodes.JsonNode.Parse(r.Body)!;
            Assert.Equal(WebhookEvents.MediaChanged, payload["type"]!.GetValue<string>());
            Assert.Equal("hook-upload.png", payload["data"]!["path"]!.GetValue<string>());
            MediaChangeTests.AssertMediaPayload(r.Body, "hook-upload.png");
        });
    }

    private Task<List<WebhookRow>> ListAsync() => site.App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().ListAsync());

    private static FormUrlEncodedContent Form(string? token, params (string Key, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)),
            .. token is null ? [] : new[] { new KeyValuePair<string, string>("__RequestVerificationToken", token) }]);

    [GeneratedRegex(@"<li>[0-9-]+ [0-9:]+Z: 200, \d+ ms</li>")]
    private static partial Regex AttemptLine();
}
