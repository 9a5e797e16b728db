using System.Net;
using System.Text;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Admin;

/// <summary>The editor's markdown preview (/admin/api/markdown): a form posted with the page's antiforgery token.</summary>
// A site of its own: the shared admin site's sign-ins of "admin" reach the sign-in rate limit.
public sealed class MarkdownPreviewTests
{
    [Fact]
    public async Task A_form_is_rendered_sanitized_and_a_body_that_is_not_a_form_is_refused_with_a_4xx()
    {
        await using var site = await SecuredSite.StartAsync();
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var token = SecuredSite.AntiforgeryToken(await admin.GetStringAsync("/admin/clients"));
        async Task<HttpResponseMessage> PostAsync(HttpContent body, bool tokenHeader = true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/api/markdown") { Content = body };
            if (tokenHeader)
            {
                request.Headers.Add("RequestVerificationToken", token);
            }
            return await admin.SendAsync(request);
        }
        static HttpContent Truncated()
        {
            var body = new ByteArrayContent(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"markdown\"\r\n\r\n# Dosing"));
            body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
            return body;
        }
        static HttpContent NoBoundary()
        {
            var body = new ByteArrayContent(Encoding.UTF8.GetBytes("markdown=x"));
            body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
            return body;
        }

        using var form = await PostAsync(new FormUrlEncodedContent([new("markdown", "# Dosing\n<script>alert(1)</script>")]));
        using var json = await PostAsync(new StringContent("{\"markdown\":\"# Dosing\"}", Encoding.UTF8, "application/json"));
        using var multipart = await PostAsync(NoBoundary());
        // Without the header antiforgery looks for the token in the form, and meets the same unreadable body.
        using var multipartNoHeader = await PostAsync(NoBoundary(), tokenHeader: false);
        // A multipart body cut short (its closing boundary missing), with and without the header.
        using var truncated = await PostAsync(Truncated());
        using var truncatedNoHeader = await PostAsync(Truncated(), tokenHeader: false);

        // Markdown a save would refuse (Markdig's depth limit; raw HTML nested deeper than the sanitizer's parser takes in time).
        using var deepQuotes = await PostAsync(new FormUrlEncodedContent([new("markdown", new string('>', 200) + " x")]));
        using var deepHtml = await PostAsync(new FormUrlEncodedContent([new("markdown", string.Concat(Enumerable.Repeat("<div>", 600)))]));
        Assert.Equal(HttpStatusCode.BadRequest, deepQuotes.StatusCode);
        Assert.Contains("Markdown: the Markdown could not be rendered", await deepQuotes.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, deepHtml.StatusCode);
        Assert.Contains("more than 512 deep", await deepHtml.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Dosing</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Contains("posted as a form", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var unreadable in new[] { multipart, multipartNoHeader })
        {
            Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
            Assert.Contains("boundary", await unreadable.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        foreach (var unreadable in new[] { truncated, truncatedNoHeader })
        {
            Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
            Assert.Contains("The form could not be read", await unreadable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
