using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace ClinicCms.Tests.Security;

/// <summary>
/// A request without credentials skips authentication (no OpenIddict or cookie handler runs for it); one with a bearer
/// token or the editor's cookie is authenticated, and OpenIddict's own endpoints are still answered without either.
/// </summary>
public sealed class AnonymousAuthenticationTests : IAsyncDisposable
{
    private readonly Counter _validation = new();
    private readonly Counter _server = new();
    private readonly ClinicCmsApp _app;

    public AnonymousAuthenticationTests() =>
        _app = new ClinicCmsApp(services: services => services.AddOpenIddict()
            .AddValidation(o => o.AddEventHandler<OpenIddictValidationEvents.ProcessRequestContext>(b => b.UseInlineHandler(_ => _validation.Add())))
            .AddServer(o => o.AddEventHandler<OpenIddictServerEvents.ProcessRequestContext>(b => b.UseInlineHandler(_ => _server.Add()))));

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Only_requests_with_credentials_or_for_OpenIddict_run_authentication()
    {
        using var http = _app.CreateClient();
        using (var read = await PostAsync(http, null))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        var (validation, server) = (_validation.Count, _server.Count);
        using (var read = await PostAsync(http, null))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal((validation, server), (_validation.Count, _server.Count));
        }

        using (var bearer = await PostAsync(http, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
            Assert.Equal(validation + 1, _validation.Count);
        }
        using (var cookie = await PostAsync(http, request => request.Headers.Add("Cookie", "ClinicCms.Auth=not-a-ticket")))
        {
            // An unreadable cookie reads as anonymous, as before; but it was looked at.
            Assert.Equal(HttpStatusCode.OK, cookie.StatusCode);
            Assert.Equal(validation + 2, _validation.Count);
        }

        // OpenIddict answers its own endpoints from the authentication middleware, with no credentials sent.
        using (var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
            Assert.Equal("invalid_request", JsonNode.Parse(await token.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        }
        Assert.True(_server.Count > server, "the token request did not reach OpenIddict");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, Action<HttpRequestMessage>? credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graphql")
        {
            Content = new StringContent("{\"query\": \"{ articleCount }\"}", new MediaTypeHeaderValue("application/json")),
        };
        credentials?.Invoke(request);
        return await http.SendAsync(request);
    }

    private sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ValueTask Add()
        {
            Interlocked.Increment(ref _count);
            return default;
        }
    }
}
