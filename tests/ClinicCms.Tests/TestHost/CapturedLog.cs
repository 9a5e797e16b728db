using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ClinicCms.Tests.TestHost;

/// <summary>The app's log entries from <paramref name="minimum"/> up, with their exceptions, for a test to read.</summary>
public sealed class CapturedLog(LogLevel minimum) : ILoggerProvider, ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

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
