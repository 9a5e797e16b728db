using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

public sealed class CorsAndSanitizingTests
{
    [Fact]
    public async Task A_configured_frontend_origin_may_call_graphql_from_a_browser_and_others_may_not()
    {
        await using var app = new ClinicCmsApp(settings: new Dictionary<string, string> { ["ClinicCms:Cors:AllowedOrigins:0"] = "https://clinic.example" });
        using var http = app.CreateClient();

        using var allowed = await Preflight(http, "https://clinic.example");
        using var refused = await Preflight(http, "https://elsewhere.example");

        Assert.Equal("https://clinic.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Markdown_is_rendered_to_html_without_scripts()
    {
        await using var app = new ClinicCmsApp();
        var graphql = new GraphQLClient(app.CreateClient());
        var faq = ContentService.New("FAQ");
        faq.GetOrCreatePart("TitlePart")["Title"] = "Hostile?";
        faq.GetOrCreatePart("FAQ")["Category"] = new JsonObject { ["Text"] = "general" };
        faq.GetOrCreatePart("FAQ")["Order"] = new JsonObject { ["Value"] = 50 };
        faq.GetOrCreatePart("FAQ")["Answer"] = new JsonObject { ["Markdown"] = "**Bold** <script>alert(1)</script> <img src=x onerror=alert(2)>" };
        await app.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(faq, publish: true, ContentUser.System));

        var data = await graphql.DataAsync("{ faq(where: { displayText: \"Hostile?\" }) { answer { html } } }");

        var html = data["faq"]![0]!["answer"]!["html"]!.GetValue<string>();
        Assert.Contains("<strong>Bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
    }

    private static Task<HttpResponseMessage> Preflight(HttpClient http, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return http.SendAsync(request);
    }
}
