using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClinicCms.Tests.Webhooks;

/// <summary>
/// A frontend's webhook endpoint on 127.0.0.1 (a real Kestrel server): it checks each request's Standard Webhooks
/// signature with its own code and records it. <c>/hook/{name}/ok</c> answers 200; <c>/hook/{name}/fail2</c> answers
/// 500 to the first two attempts of each delivery, then 200; <c>/hook/{name}/fail</c> always answers 500; <c>/hook/{name}/redirect</c> answers 302 to its <c>ok</c>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>The secret every test webhook is given, so the receiver can check signatures.</summary>
    public static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    private readonly WebApplication _app;

    public sealed record Received(string Name, string Mode, string Id, string Timestamp, string Body, bool SignatureValid, string? ContentType, int Answered);

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string BaseUrl { get; }

    /// <summary>Runs, by webhook name, when a request arrives and before it is answered.</summary>
    public ConcurrentDictionary<string, Func<Task>> Before { get; } = new();

    private WebhookReceiver(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = (WebhookReceiver?)null;
        app.MapPost("/hook/{name}/{mode}", async (HttpContext context, string name, string mode) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var id = context.Request.Headers["webhook-id"].ToString();
            var timestamp = context.Request.Headers["webhook-timestamp"].ToString();
            var valid = Verify(id, timestamp, body, context.Request.Headers["webhook-signature"].ToString());
            var earlier = receiver!.Requests.Count(r => r.Id == id);
            var status = mode switch
            {
                "fail2" when earlier < 2 => 500,
                "fail" => 500,
                "redirect" => 302,
                _ => 200,
            };
            receiver.Requests.Enqueue(new Received(name, mode, id, timestamp, Encoding.UTF8.GetString(body), valid, context.Request.ContentType, status));
            if (receiver.Before.TryGetValue(name, out var before))
            {
                await before();
            }
            if (status == 302)
            {
                context.Response.Headers.Location = $"/hook/{name}/ok";
            }
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        var address = app.Urls.First().TrimEnd('/');
        receiver = new WebhookReceiver(app, address);
        return receiver;
    }

    public string Url(string name, string mode = "ok") => $"{BaseUrl}/hook/{name}/{mode}";

    public IReadOnlyList<Received> Of(string name) => [.. Requests.Where(r => r.Name == name)];

    // The receiver's own check, as a frontend would write it: HMAC-SHA256 over "{id}.{timestamp}.{body}" with the secret's bytes.
    private static bool Verify(string id, string timestamp, byte[] body, string signatures)
    {
        var key = Convert.FromBase64String(Secret["whsec_".Length..]);
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body];
        var expected = HMACSHA256.HashData(key, signed);
        return signatures.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(s[3..]), expected));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
