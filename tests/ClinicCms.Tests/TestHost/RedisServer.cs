using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClinicCms.Tests.TestHost;

/// <summary>
/// A private redis-server process on a free loopback port, without persistence, so a test can stop it without
/// touching anyone else's Redis. Needs redis-server on the PATH (Debian's redis-server package).
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public const string Name = "Redis (redis-server on the PATH)";

    public static bool Installed => Find() is not null;

    public int Port { get; }

    /// <summary>The ClinicCms:Redis:Configuration value that points at this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = Find();
        if (executable is null)
        {
            ServiceRequirement.Missing(Name);
        }
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(executable!)
        {
            ArgumentList = { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        for (var attempt = 0; attempt < 100 && !await server.AnswersAsync(); attempt++)
        {
            await Task.Delay(50);
        }
        Assert.True(await server.AnswersAsync(), $"redis-server did not start on port {port}.");
        return server;
    }

    /// <summary>Stops the server at once, as a crash or a network cut would.</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "redis-server"))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
