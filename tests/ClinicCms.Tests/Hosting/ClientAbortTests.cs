using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicCms.Tests.Hosting;

/// <summary>
/// Clients that reset their connection while the server reads their body (a GraphQL query, a REST write, the sign-in
/// form, a token request) are logged as nothing worse than Debug, and the server goes on answering.
/// </summary>
public sealed class ClientAbortTests
{
    [Fact]
    public async Task A_connection_reset_mid_body_is_not_logged_as_an_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = new ErrorLog();
        await using var site = await SecuredSite.StartOnLoopbackAsync(new ClinicCmsApp(environment: "Production", services: s => s.AddSingleton<ILoggerProvider>(log)));
        var address = site.App.LoopbackAddress!;
        var token = await site.TokenAsync("editor-app", "Editor-app-secret-1");
        using var http = site.WithToken(token);
        var before = await new GraphQLClient(http).DataAsync("{ faqCount }");

        foreach (var (path, headers) in new[]
        {
            ("/api/graphql", $"Content-Type: application/json\r\nAuthorization: Bearer {token}\r\n"),
            ("/api/graphql", $"Content-Type: application/graphql\r\nAuthorization: Bearer {token}\r\n"),
            ("/api/content", $"Content-Type: application/json\r\nAuthorization: Bearer {token}\r\n"),
            ("/login", "Content-Type: application/x-www-form-urlencoded\r\n"),
            ("/connect/token", "Content-Type: application/x-www-form-urlencoded\r\n"),
        })
        {
            for (var i = 0; i < 3; i++)
            {
                await ResetMidBodyAsync(address, path, headers, ct);
            }
        }
        // The server's reads have failed by the time it answers a later request on a new connection.
        var after = await new GraphQLClient(http).DataAsync("{ faqCount }");

        Assert.Equal(before.ToJsonString(), after.ToJsonString()); // nothing half-written either
        Assert.True(log.Lines.IsEmpty, string.Join("\n\n", log.Lines));
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

    /// <summary>The app's errors and critical entries, with their exceptions.</summary>
    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
            }
        }

        public void Dispose()
        {
        }
    }
}
