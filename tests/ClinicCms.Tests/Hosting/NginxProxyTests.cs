using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Hosting;

/// <summary>
/// Debian's nginx terminating TLS in front of ClinicCms (Production), with the server block from the README, as
/// "Deploy behind a proxy or with HTTPS" tells an operator to do. Needs /usr/sbin/nginx (installed by .ci/run).
/// </summary>
[Collection(nameof(TrustedProxySite))]
public sealed partial class NginxProxyTests(TrustedProxySite trusted)
{
    public const string NginxPath = "/usr/sbin/nginx";

    [Fact]
    public async Task Through_nginx_an_editor_signs_in_with_a_secure_cookie_and_a_client_gets_a_token_and_reads_graphql()
    {
        if (!File.Exists(NginxPath))
        {
            ServiceRequirement.Missing($"nginx ({NginxPath}, Debian package nginx)");
        }
        var ct = TestContext.Current.CancellationToken;
        var app = trusted.Site.HttpAddress;
        using var folder = new TempFolder();
        var certificate = SelfSignedCertificate.Create(folder.Path);
        var port = FreePort();
        using var nginx = await StartNginxAsync(folder, ServerBlock(port, certificate, app), port);
        try
        {
            var address = $"https://127.0.0.1:{port}";
            using var browser = certificate.Client(address);

            using var anonymousAdmin = await browser.GetAsync("/admin", ct);
            using var signIn = await SecuredSite.PostLoginAsync(browser, "admin", ClinicCmsApp.AdminPassword);
            using var admin = await browser.GetAsync("/admin", ct);
            using var api = certificate.Client(address);
            using var token = await api.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "reader-app",
                ["client_secret"] = "Reader-app-secret-1",
            }), ct);
            var accessToken = (await token.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(ct))?["access_token"]?.GetValue<string>();
            api.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
            var data = await new GraphQLClient(api).DataAsync("{ faqCount }");

            Assert.Equal(HttpStatusCode.Redirect, anonymousAdmin.StatusCode);
            Assert.Equal("https", anonymousAdmin.Headers.Location!.Scheme);
            Assert.Equal($"127.0.0.1:{port}", anonymousAdmin.Headers.Location.Authority); // not 443: the host as the browser sent it, port included
            Assert.Equal("/login", anonymousAdmin.Headers.Location.AbsolutePath);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ClinicCms.Auth=", StringComparison.Ordinal));
            Assert.True(LoopbackClient.IsSecure(cookie), cookie);
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
            Assert.True(data["faqCount"]!.GetValue<int>() > 0);
        }
        finally
        {
            nginx.Kill();
            await nginx.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>The README's nginx server block, with this test's port, certificate and app address.</summary>
    private static string ServerBlock(int port, SelfSignedCertificate certificate, string app)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        var block = ReadmeBlock().Match(readme);
        Assert.True(block.Success, "README.md has no ```nginx block after its nginx-server-block marker.");
        var text = block.Groups[1].Value;
        foreach (var (from, to) in new[]
        {
            ("listen 443 ssl;", $"listen 127.0.0.1:{port} ssl;"),
            ("/etc/ssl/cms.example.org/fullchain.pem", certificate.CertificatePath),
            ("/etc/ssl/cms.example.org/privkey.pem", certificate.KeyPath),
            ("http://127.0.0.1:5000", app),
        })
        {
            Assert.True(text.Contains(from, StringComparison.Ordinal), $"The README's nginx block no longer contains '{from}'; update this test with it.");
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        return text;
    }

    private static async Task<Process> StartNginxAsync(TempFolder folder, string serverBlock, int port)
    {
        // Everything nginx writes stays in the test's folder; no master process, so it runs as the test's user.
        var conf = $$"""
            daemon off;
            master_process off;
            pid {{folder.File("nginx.pid")}};
            error_log {{folder.File("error.log")}} info;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{folder.File("client_body")}};
                proxy_temp_path {{folder.File("proxy")}};
                fastcgi_temp_path {{folder.File("fastcgi")}};
                uwsgi_temp_path {{folder.File("uwsgi")}};
                scgi_temp_path {{folder.File("scgi")}};
            {{serverBlock}}
            }
            """;
        File.WriteAllText(folder.File("nginx.conf"), conf);
        var nginx = Process.Start(new ProcessStartInfo(NginxPath)
        {
            ArgumentList = { "-e", folder.File("error.log"), "-p", folder.Path, "-c", folder.File("nginx.conf") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (nginx.HasExited)
            {
                Assert.Fail($"nginx stopped at start: {await nginx.StandardError.ReadToEndAsync()} {File.ReadAllText(folder.File("error.log"))}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        nginx.Kill();
        Assert.Fail("nginx did not listen within 10 seconds.");
        return nginx;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<!-- nginx-server-block:[^>]*-->\\s*```nginx\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();
}
