using System.Net;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Review;

/// <summary>
/// Bodies and query values the content API cannot read are answered with a 4xx that says what is wrong in a client's
/// words (never a C# type name, never a 500): anonymous callers are turned away first, a client that may write nothing
/// is refused (403) before its body is read, the lowest role that writes and an editor hear about their request.
/// </summary>
public sealed class MalformedRequestTests(ReviewSite site) : IClassFixture<ReviewSite>
{
    public static TheoryData<string?, string, string, string, string> Cases()
    {
        var data = new TheoryData<string?, string, string, string, string>();
        (string Path, string Body, string Words)[] cases =
        [
            ("/review", """{"Action": "Request", """, "not valid JSON at line 1"),
            ("/review", """{"Action": 5}""", "Action must be a JSON string, not a number"),
            ("/review", """{"Action": "Request", "Comment": true}""", "Comment must be a JSON string, not true or false"),
            ("/review", """["Request"]""", "must be a JSON object"),
            ("/review", "", "Action must be one of Request, Approve, RequestChanges"),
            ("/review", """{"Action": "Request", "Comment": "\ud800"}""", "Comment: the text has an unpaired UTF-16 surrogate"),
            ("/review", """{"Action": "Request", "action": "Approve"}""", "a property name twice"),
            ("", """{"ContentType": "FAQ", """, "not valid JSON at line 1"),
            ("", """[{"ContentType": "FAQ"}]""", "must be a content item: a JSON object"),
            ("", "", "The body is empty"),
            ("?draft=true", """{"ContentType": "FAQ", "TitlePart": {"Title": "Q"}, "FAQ": {"Order": {"Value": "fifty"}}}""", "Order"),
            ("?draft=maybe", """{"ContentType": "FAQ", "TitlePart": {"Title": "Q"}}""", "The draft query value must be true or false"),
            ("?draft=1", """{"ContentType": "FAQ", "TitlePart": {"Title": "Q"}}""", "The draft query value must be true or false"),
            ("?draft=", """{"ContentType": "FAQ", "TitlePart": {"Title": "Q"}}""", "The draft query value must be true or false"),
            ("?draft=true%00", """{"ContentType": "FAQ", "TitlePart": {"Title": "Q"}}""", "The draft query value must be true or false"),
            ("?draft=true", """{"ContentType": "FAQ", "TitlePart": {"Title": "Q"}, "displaytext": "Q"}""", "named as Orchard names them ('DisplayText')"),
            ("?draft=%20true", """{"ContentType": "FAQ", "TitlePart": {"Title": "Q"}}""", "The draft query value must be true or false"),
            ("?draft=true", """{"ContentType": "FAQ", "TitlePart": {"Title": "Q"}, "LocalizationPart": 5}""", "'LocalizationPart': expected an object (a part) or an array, got a number"),
            ("?draft=true", """{"ContentType": "FAQ", "TitlePart": "Q"}""", "'TitlePart': expected an object (a part) or an array, got a string"),
            ("?draft=true&draft=true", """{"ContentType": "FAQ", "TitlePart": {"Title": "Q"}}""", "The draft query value must be true or false"),
        ];
        foreach (var client in new string?[] { null, "reader-app", "contrib-app", "publisher-app" })
        {
            foreach (var (path, body, words) in cases)
            {
                data.Add(client, path, body, words, path.StartsWith('/') ? "review" : "content");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_body_or_query_value_the_api_cannot_read_is_a_4xx_that_says_what_is_wrong(string? client, string path, string body, string words, string endpoint)
    {
        var ct = TestContext.Current.CancellationToken;
        // Anonymous callers are turned away before the item is looked up: any id will do for them.
        var draft = endpoint != "review" ? null : client is null ? "anyid" : await site.DraftFaqAsync("author-app", "Is a malformed review refused?");
        using var http = client is null ? site.Site.Anonymous() : await AsAsync(client);
        var url = endpoint == "review" ? $"/api/content/{draft}{path}" : $"/api/content{path}";
        using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        if (client is null)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // the group needs AccessContentApi before anything is read
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            return;
        }
        if (client == "reader-app")
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); // it may read through the API, never write
            return;
        }
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = JsonNode.Parse(text)!["detail"]!.GetValue<string>();
        Assert.Contains(words, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("?", detail.Replace("?draft", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("ReviewBody", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "text/plain")]
    [InlineData("/review", "text/plain")]
    [InlineData("", "application/x-www-form-urlencoded")]
    [InlineData("/review", null)]
    [InlineData("", null)]
    public async Task A_body_not_sent_as_json_is_an_unsupported_media_type_that_says_so_after_the_callers_rights_are_checked(string path, string? contentType)
    {
        var ct = TestContext.Current.CancellationToken;
        var url = path.Length == 0 ? "/api/content?draft=true" : $"/api/content/{await site.DraftFaqAsync("author-app", "Is a review in plain text refused?")}/review";
        HttpContent Body()
        {
            var body = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"Action": "Request", "ContentType": "FAQ"}"""));
            if (contentType is not null)
            {
                body.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
            return body;
        }

        using (var anonymous = site.Site.Anonymous())
        using (var refused = await anonymous.PostAsync(url, Body(), ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        using (var reader = await AsAsync("reader-app"))
        using (var refused = await reader.PostAsync(url, Body(), ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using var http = await AsAsync(path.Length == 0 ? "publisher-app" : "contrib-app");
        using var response = await http.PostAsync(url, Body(), ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["detail"]!.GetValue<string>();
        Assert.Equal($"The body must be JSON, sent with Content-Type: application/json (the request's Content-Type: {(contentType is null ? "none" : $"\"{contentType}\"")}).", detail);
    }

    [Fact]
    public async Task Where_the_anonymous_role_may_use_the_api_an_anonymous_write_is_still_a_401()
    {
        var ct = TestContext.Current.CancellationToken;
        var anonymousRole = (await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<RoleStore>().FindAsync("Anonymous", ct)))!;
        await SaveRoleAsync(anonymousRole with { Permissions = [.. anonymousRole.Permissions, Permissions.AccessContentApi, Permissions.ViewContent] });
        try
        {
            using var http = site.Site.Anonymous();
            // Past the group's policy now: the published article is read without credentials.
            using (var read = await http.GetAsync($"/api/content/{ClinicIds.Article}", ct))
            {
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            }
            // A bad token is not read as no token: its client hears that it is bad.
            using (var badToken = site.Site.WithToken("not-a-token"))
            using (var read = await badToken.GetAsync($"/api/content/{ClinicIds.Article}", ct))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
                Assert.Contains("invalid_token", read.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
                Assert.Empty(await read.Content.ReadAsStringAsync(ct)); // as the API's other 401s: no GraphQL errors
            }
            foreach (var url in new[] { "/api/content?draft=true", "/api/content/anyid/review" })
            {
                using var write = await http.PostAsync(url, new StringContent("""{"ContentType": "FAQ", "Action": "Request"}""", Encoding.UTF8, "application/json"), ct);
                Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode); // signing in may help: not a 403
                Assert.Equal("Bearer", write.Headers.WwwAuthenticate.ToString());
            }
        }
        finally
        {
            await SaveRoleAsync(anonymousRole);
        }
    }

    [Fact]
    public async Task A_write_right_taken_from_a_role_refuses_the_next_request_before_its_body_is_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var contributor = (await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<RoleStore>().FindAsync("Contributor", ct)))!;
        using var http = await AsAsync("contrib-app"); // its token is issued before the change
        using (var allowed = await http.PostAsJsonAsync("/api/content?draft=true", ReviewSite.Faq("Written before the change?"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        await SaveRoleAsync(contributor with { Permissions = [.. contributor.Permissions.Where(p => !p.Contains("Edit", StringComparison.Ordinal) && !p.Contains("Publish", StringComparison.Ordinal))] });
        try
        {
            using var refused = await http.PostAsync("/api/content?draft=maybe", new StringContent("{", Encoding.UTF8, "text/plain"), ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        finally
        {
            await SaveRoleAsync(contributor);
        }
        // With the right back, the body is looked at before the query: the 415 comes before the draft value's 400.
        using var restored = await http.PostAsync("/api/content?draft=maybe", new StringContent("{", Encoding.UTF8, "text/plain"), ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, restored.StatusCode);
    }

    private Task<RoleDefinition> SaveRoleAsync(RoleDefinition role) => site.Site.App.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<RoleStore>().SaveAsync(role, TestContext.Current.CancellationToken);
        return role;
    });

    [Theory]
    [InlineData("", "The body is empty")]
    [InlineData("/review", "Action must be one of Request, Approve, RequestChanges")]
    public async Task An_empty_body_sent_without_a_length_or_a_type_is_read_as_empty_not_refused_for_its_type(string path, string words)
    {
        var ct = TestContext.Current.CancellationToken;
        var url = path.Length == 0 ? "/api/content?draft=true" : $"/api/content/{await site.DraftFaqAsync("author-app", "Is an empty review read as empty?")}/review";
        using var http = await AsAsync(path.Length == 0 ? "publisher-app" : "contrib-app");
        // No Content-Length, as curl -X POST or an empty chunked body sends it.
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new UnsizedContent([]) };

        using var response = await http.SendAsync(request, ct);

        Assert.Null(request.Content.Headers.ContentType);
        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(words, JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // A body of unknown length with no type that is not empty, or one the client waits for leave to send, is no JSON.
        using var unsized = new HttpRequestMessage(HttpMethod.Post, url) { Content = new UnsizedContent("{}"u8.ToArray()) };
        using (var notEmpty = await http.SendAsync(unsized, ct))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, notEmpty.StatusCode);
        }
        using var expecting = new HttpRequestMessage(HttpMethod.Post, url) { Content = new UnsizedContent("{}"u8.ToArray()) };
        expecting.Headers.ExpectContinue = true;
        using (var unread = await http.SendAsync(expecting, ct))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, unread.StatusCode);
        }

        // A type that is not JSON, on a body of unknown length, is refused without reading the body.
        using var typed = new HttpRequestMessage(HttpMethod.Post, url) { Content = new UnsizedContent([]) };
        typed.Content.Headers.TryAddWithoutValidation("Content-Type", "text/plain");
        using var refused = await http.SendAsync(typed, ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
    }

    [Fact]
    public async Task A_long_content_type_is_echoed_cut_between_characters()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = await AsAsync("publisher-app");
        var type = "text/" + new string('x', 34) + "\U0001F600" + "-and-more";
        var body = new ByteArrayContent("{}"u8.ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", type);

        using var response = await http.PostAsync("/api/content?draft=true", body, ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["detail"]!.GetValue<string>();
        Assert.EndsWith($"(the request's Content-Type: \"text/{new string('x', 34)}...\").", detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/review")]
    public async Task A_body_whose_bytes_are_not_text_in_its_charset_is_refused_not_stored_with_characters_replaced(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var url = path.Length == 0 ? "/api/content?draft=true" : $"/api/content/{await site.DraftFaqAsync("author-app", "Is bad text refused?")}/review";
        using var http = await site.AsAsync(path.Length == 0 ? "publisher-app" : "author-app");
        byte[] notUtf8 = [.. Encoding.ASCII.GetBytes("{\"ContentType\": \"FAQ\", \"Action\": \"Request\", \"TitlePart\": {\"Title\": \"caf"), 0xE9, 0x20, 0xFF, .. Encoding.ASCII.GetBytes("\"}}")];

        using var response = await http.PostAsync(url, Body(notUtf8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        // UTF-7 is a charset .NET knows by name but refuses to decode.
        foreach (var charset in new[] { "no-such-charset", "utf-7" })
        {
            using var unknown = await http.PostAsync(url, Body(Encoding.UTF8.GetBytes("""{"Action": "Request"}"""), $"application/json; charset={charset}"), ct);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, unknown.StatusCode);
            var detail = JsonNode.Parse(await unknown.Content.ReadAsStringAsync(ct))!["detail"]!.GetValue<string>();
            Assert.Equal($"The charset \"{charset}\" is not supported: send the body as UTF-8.", detail);
        }
    }

    [Theory]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json")]
    [InlineData("application/vnd.api+json")]
    [InlineData("application/json; charset=\"UTF8\"")]
    public async Task A_content_item_in_the_charset_its_content_type_names_or_utf8_with_a_byte_order_mark_is_read_as_sent(string contentType)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = await site.AsAsync("publisher-app");
        var json = ReviewSite.Faq("Café au lait?").ToJsonString();
        var bytes = contentType.EndsWith("iso-8859-1", StringComparison.Ordinal) ? Encoding.Latin1.GetBytes(json)
            : contentType.EndsWith("utf-16", StringComparison.Ordinal) ? [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(json)]
            : [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(json)];

        using var response = await http.PostAsync("/api/content?draft=true", Body(bytes, contentType), ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.True(response.IsSuccessStatusCode, text);
        Assert.Equal("Café au lait?", JsonNode.Parse(text)!["TitlePart"]!["Title"]!.GetValue<string>());
    }

    private static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    // A body sent without a Content-Length (chunked on a socket).
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    // The Contributor's client is the lowest role that writes through the API in the review recipe; the reader's
    // (the access recipe's) may only read.
    private async Task<HttpClient> AsAsync(string client) => client switch
    {
        "contrib-app" => site.Site.WithToken(await site.Site.TokenAsync(client, "Contrib-app-secret-1")),
        "reader-app" => site.Site.WithToken(await site.Site.TokenAsync(client, "Reader-app-secret-1")),
        _ => await site.AsAsync(client),
    };
}
