namespace ClinicCms.Web.Media;

/// <summary>
/// The turns to resize: at most <c>concurrent</c> at once, and at most <c>waiting</c> requests waiting for one, so a
/// burst of new variants neither takes every core nor piles up requests without end.
/// </summary>
public sealed class ResizeSlots(int concurrent, int waiting) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(concurrent);
    private int _waiting;

    /// <summary>How many may wait for a turn before a new one is refused.</summary>
    public int MaxWaiting { get; } = waiting;

    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>A turn, given back when disposed; null when <see cref="MaxWaiting"/> already wait.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancel)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            if (Interlocked.Increment(ref _waiting) > MaxWaiting)
            {
                Interlocked.Decrement(ref _waiting);
                return null;
            }
            try
            {
                await _slots.WaitAsync(cancel);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
