using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicCms.Tests.Security;

/// <summary>A bearer token that fails validation is a 401 invalid_token on /api/graphql, as on the REST API, never an anonymous read.</summary>
public sealed class GraphQLBearerTests
{
    [Fact]
    public async Task A_bad_or_expired_bearer_token_is_401_invalid_token_on_graphql_and_rest()
    {
        await using var site = await SecuredSite.StartAsync(new ClinicCmsApp(environment: "Production",
            settings: new Dictionary<string, string> { ["ClinicCms:Security:AccessTokenSeconds"] = "2", ["ClinicCms:Security:RequireHttps"] = "false" }));
        var token = await site.TokenAsync("reader-app", "Reader-app-secret-1");
        using (var valid = site.WithToken(token))
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(valid, "/api/graphql")).StatusCode);
        }
        var tampered = token[..^8] + (token[^8] == 'A' ? "B" : "A") + token[^7..];
        var otherKey = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "http://localhost/",
            Subject = new System.Security.Claims.ClaimsIdentity([new("sub", "reader-app")]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSha256),
        });
        // Waits for the token's two seconds to pass, asking rather than sleeping.
        using (var expiring = site.WithToken(token))
        {
            using var _ = await Eventually.SendUntilAsync(() => expiring.GetAsync($"/api/content/{ClinicIds.Article}"), r => r.StatusCode == HttpStatusCode.Unauthorized);
        }

        foreach (var (name, bad) in new[] { ("garbage", "not-a-token"), ("tampered", tampered), ("other key", otherKey), ("expired", token) })
        {
            using var http = site.WithToken(bad);
            foreach (var path in new[] { "/api/graphql", "/api/content/nosuchitem00000000000000000" })
            {
                using var response = path == "/api/graphql" ? await PostAsync(http, path) : await http.GetAsync(path);

                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name} on {path}: {response.StatusCode}");
                var challenge = Assert.Single(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
                Assert.Equal("Bearer", challenge.Scheme);
                Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
                if (path == "/api/graphql")
                {
                    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                    Assert.Equal("invalid_token", body["error"]!.GetValue<string>());
                    Assert.False(string.IsNullOrEmpty(body["error_description"]?.GetValue<string>()), $"{name}: {body.ToJsonString()}");
                    Assert.Equal("invalid_token", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
                }
            }
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path) =>
        http.PostAsync(path, new StringContent("{\"query\": \"{ faq { displayText } }\"}", new MediaTypeHeaderValue("application/json")));
}
