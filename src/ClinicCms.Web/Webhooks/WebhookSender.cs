using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ClinicCms.Content.Webhooks;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Webhooks;

/// <summary>
/// Sends one delivery, signed as the Standard Webhooks specification says: <c>webhook-id</c>, <c>webhook-timestamp</c>
/// (unix seconds) and <c>webhook-signature: v1,{base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"}</c> keyed with the
/// secret's bytes. Redirects are not followed (a 3xx is a failure), and no proxy is used: the address connected to is
/// the one checked. That check runs in the connect callback, after DNS, so a name that resolves to a private address
/// (at any time, DNS rebinding included) is refused unless <see cref="WebhookOptions.AllowPrivateTargets"/> is on.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly IOptionsMonitor<WebhookOptions> _options;
    private readonly TimeProvider _clock;

    public WebhookSender(IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
    {
        (_options, _clock) = (options, clock);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2), // DNS changes are picked up, and checked again
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<WebhookAttemptResult> SendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", Signature(delivery.Secret, delivery.Id, timestamp, body));
        request.Headers.UserAgent.ParseAdd("ClinicCms-Webhooks/1.0");
        var timeout = TimeSpan.FromSeconds(_options.CurrentValue.TimeoutSeconds);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new(status, Elapsed(), null),
                >= 300 and < 400 => new(status, Elapsed(), $"the receiver answered {status} (a redirect to {response.Headers.Location}); redirects are not followed"),
                _ => new(status, Elapsed(), $"the receiver answered {status}"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, Elapsed(), $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            var refused = e.InnerException as TargetRefusedException ?? e.InnerException?.InnerException as TargetRefusedException;
            return refused is null ? new(null, Elapsed(), $"the request failed: {e.Message}") : new(null, Elapsed(), refused.Message) { Final = true };
        }
    }

    /// <summary>The <c>webhook-signature</c> value for a body: <c>v1,</c> and the base64 HMAC-SHA256 of "{id}.{timestamp}.{body}".</summary>
    public static string Signature(string secret, string id, string timestamp, byte[] body)
    {
        var key = WebhookSecret.KeyOf(secret) ?? throw new InvalidOperationException("A stored webhook secret is not a whsec_ secret.");
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!_options.CurrentValue.AllowPrivateTargets)
        {
            var refused = addresses.Select(a => (Address: a, Problem: TargetCheck.Problem(a))).Where(a => a.Problem is not null).ToList();
            addresses = [.. addresses.Where(a => TargetCheck.Problem(a) is null)];
            if (addresses.Length == 0)
            {
                var (address, problem) = refused.Count > 0 ? refused[0] : (IPAddress.None, "no address");
                throw new TargetRefusedException(
                    $"refused: {host} is {(address.ToString() == host ? "" : $"at {address}, ")}{problem}, and ClinicCms:Webhooks:AllowPrivateTargets is off");
            }
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();
}
