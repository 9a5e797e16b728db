namespace ClinicCms.Content.Webhooks;

/// <summary>Wakes the deliverer when this instance has committed deliveries, so they go out at once instead of at its next check.</summary>
public sealed class WebhookWakeup : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken already by another writer at the same moment.
            }
        }
    }

    /// <summary>Waits for a signal or <paramref name="timeout"/>; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
