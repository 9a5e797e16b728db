using System.Net;
using System.Net.Sockets;
using System.Text;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicCms.Tests.Hosting;

/// <summary>
/// Clients that reset their connection while the server reads their body (a GraphQL query, a REST write, the sign-in
/// form, a token request, an upload) are logged as nothing worse than Debug, and the server goes on answering; forms are read
/// ahead only where a page would read them.
/// </summary>
public sealed class ClientAbortTests
{
    [Fact]
    public async Task A_connection_reset_mid_body_is_not_logged_as_an_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = new CapturedLog(LogLevel.Error);
        // Kestrel's body limit below GraphQL's own (128 KB), so that Kestrel is the one to refuse a large body.
        await using var site = await SecuredSite.StartOnLoopbackAsync(new ClinicCmsApp(environment: "Production", services: s => s.AddSingleton<ILoggerProvider>(log),
            settings: new Dictionary<string, string> { ["ClinicCms:MaxRequestBodyBytes"] = "65536" }));
        var address = site.App.LoopbackAddress!;
        var token = await site.TokenAsync("editor-app", "Editor-app-secret-1");
        using var http = site.WithToken(token);
        var before = await new GraphQLClient(http).DataAsync("{ faqCount }");
        var cookies = new CookieContainer();
        using (var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address })
        {
            using var signedIn = await SecuredSite.PostLoginAsync(browser, "admin", ClinicCmsApp.AdminPassword);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        var cookie = cookies.GetCookieHeader(address);
        log.Lines.Clear(); // from here on (a new PostgreSQL database's first migration check logs EF Core errors)

        foreach (var (path, headers) in new[]
        {
            ("/api/graphql", $"Content-Type: application/json\r\nAuthorization: Bearer {token}\r\n"),
            ("/api/graphql", $"Content-Type: application/graphql\r\nAuthorization: Bearer {token}\r\n"),
            ("/api/content", $"Content-Type: application/json\r\nAuthorization: Bearer {token}\r\n"),
            ("/login", "Content-Type: application/x-www-form-urlencoded\r\n"),
            ("/connect/token", "Content-Type: application/x-www-form-urlencoded\r\n"),
            ("/admin/media?handler=Upload", $"Content-Type: multipart/form-data; boundary=b\r\nCookie: {cookie}\r\n"),
            ("/admin/api/markdown", $"Content-Type: application/x-www-form-urlencoded\r\nCookie: {cookie}\r\n"),
        })
        {
            for (var i = 0; i < 3; i++)
            {
                await ResetMidBodyAsync(address, path, headers, ct);
            }
        }
        // Bodies that only look like forms go to the pages as before: refused there, never a 500.
        using var anonymous = site.Anonymous();
        foreach (var (path, type, status) in new[]
        {
            ("/login", "application/x-www-form-urlencodedX", HttpStatusCode.BadRequest),
            ("/login", "application/x-www-form-urlencoded;;=", HttpStatusCode.BadRequest),
            ("/admin/no-such-page", "application/x-www-form-urlencoded", HttpStatusCode.NotFound),
            ("/admin/no-such-page", "multipart/form-data", HttpStatusCode.NotFound),
            ("/login", "application/x-www-form-urlencoded; charset=utf-7", HttpStatusCode.UnsupportedMediaType),
            ("/logout", "application/x-www-form-urlencoded; charset=UTF-7", HttpStatusCode.UnsupportedMediaType),
            ("/connect/token", "application/x-www-form-urlencoded; charset=unicode-1-1-utf-7", HttpStatusCode.UnsupportedMediaType),
        })
        {
            using var content = new ByteArrayContent("a=b"u8.ToArray());
            content.Headers.TryAddWithoutValidation("Content-Type", type);
            using var response = await anonymous.PostAsync(path, content, ct);
            Assert.True(response.StatusCode == status, $"{path} as {type}: {response.StatusCode}");
        }
        // A token request over the form reader's limits: a 400 in OpenIddict's shape, not a 500 with an ERROR line.
        using (var tooManyKeys = new StringContent(string.Join('&', Enumerable.Range(0, 1100).Select(i => $"k{i}=v")), Encoding.ASCII, "application/x-www-form-urlencoded"))
        using (var refused = await anonymous.PostAsync("/connect/token", tooManyKeys, ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("The request form could not be read: Form value count limit 1024 exceeded.", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
        // A body Kestrel itself refuses (its chunk framing: a size that is not hex, or beyond range; its size limit) is the
        // client's mistake, answered as GraphQL's error; elsewhere (the token endpoint reads its own form) as a plain 4xx.
        var large = new string(' ', 70_000);
        foreach (var (path, type, body, status, message) in new[]
        {
            ("/api/graphql", "application/json", "Transfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n", 400, "The body could not be read: Bad chunk size data."),
            ("/api/graphql", "application/graphql", "Transfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n", 400, "The body could not be read: Bad chunk size data."),
            ("/api/graphql", "application/json", "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc\r\n", 400, "The body could not be read: its chunk framing is not valid."),
            ("/connect/token", "application/x-www-form-urlencoded", "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc\r\n", 400, "The request body could not be read: Bad chunk size data."),
            ("/api/graphql", "application/json", $"Transfer-Encoding: chunked\r\n\r\n{large.Length:x}\r\n{large}\r\n0\r\n\r\n", 413, "The request body is larger than 65536 bytes."),
            ("/api/graphql", "application/json", $"Content-Length: {large.Length}\r\n\r\n{large}", 413, "The request body is larger than 65536 bytes."),
        })
        {
            var answer = await RawAnswerAsync(address, $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: {type}\r\nAuthorization: Bearer {token}\r\n{body}", ct);
            Assert.True(answer.StartsWith($"HTTP/1.1 {status}", StringComparison.Ordinal), $"{path} {body[..Math.Min(40, body.Length)]}: {answer}");
            Assert.Contains(message, answer, StringComparison.Ordinal);
        }
        // A route that answers "method not allowed" is answered before the body it would not read (no 100 Continue).
        Assert.StartsWith("HTTP/1.1 405", await FirstStatusLineAsync(address, "/admin/api/content", ct));
        var after = await new GraphQLClient(http).DataAsync("{ faqCount }");
        // Kestrel logs a request's end after the request; a moment for the last ones to be written.
        await Task.Delay(1000, ct);

        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.True(log.Lines.IsEmpty, string.Join("\n\n", log.Lines));
    }

    [Fact]
    public void Only_a_reset_or_a_failure_after_the_client_left_counts_as_an_abort()
    {
        using var aborted = new CancellationTokenSource();
        var http = new DefaultHttpContext { RequestAborted = aborted.Token };

        Assert.True(ClientAborts.IsClientAbort(new ConnectionResetException("reset"), http));
        Assert.False(ClientAborts.IsClientAbort(new IOException("disk full"), http));
        Assert.False(ClientAborts.IsClientAbort(new OperationCanceledException(), http));
        Assert.False(ClientAborts.IsClientAbort(new InvalidOperationException("a bug"), http));

        Assert.False(ClientAborts.IsClientAbort(new AntiforgeryValidationException("no token"), http));

        aborted.Cancel();
        Assert.True(ClientAborts.IsClientAbort(new AntiforgeryValidationException("unreadable form", new IOException("reset")), http));
        Assert.True(ClientAborts.IsClientAbort(new IOException("broken pipe"), http));
        Assert.True(ClientAborts.IsClientAbort(new OperationCanceledException(), http));
        Assert.False(ClientAborts.IsClientAbort(new InvalidOperationException("a bug"), http));
    }

    private static async Task<string> FirstStatusLineAsync(Uri address, string path, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port, ct);
        var request = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Expect: 100-continue\r\nContent-Length: 5000000\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, ct);
        var buffer = new byte[256];
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    // Everything the server sends until it closes the connection (a reset, when it closes with the body unread).
    private static async Task<string> RawAnswerAsync(Uri address, string request, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port, ct);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, ct);
        using var answer = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset && answer.Length > 0)
        {
        }
        return Encoding.UTF8.GetString(answer.ToArray());
    }

    // Headers and a tenth of the promised body, a moment for the server to wait on the rest, then a reset (RST, not FIN).
    private static async Task ResetMidBodyAsync(Uri address, string path, string headers, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port, ct);
        var request = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\n{headers}Content-Length: 1000\r\n\r\n" + new string('{', 100);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, ct);
        await Task.Delay(300, ct);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}
