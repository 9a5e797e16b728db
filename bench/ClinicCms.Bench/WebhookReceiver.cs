using System.Net;

namespace ClinicCms.Bench;

/// <summary>A webhook receiver on 127.0.0.1 for the writes command: answers every POST 204 and counts them.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private int _received;

    private WebhookReceiver(int port)
    {
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(AnswerAsync);
    }

    public string Url { get; }

    public int Received => Volatile.Read(ref _received);

    public static WebhookReceiver Start()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new WebhookReceiver(port);
    }

    private async Task AnswerAsync()
    {
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref _received);
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
        }
    }

    public void Dispose() => _listener.Close();
}
