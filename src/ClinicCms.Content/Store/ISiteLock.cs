namespace ClinicCms.Content.Store;

/// <summary>
/// A named lock that every instance of the site honours: setup and migrations take "setup", recipe runs take
/// "recipes". One instance needs no more than the database's own transactions, so the default holds nothing;
/// with Redis configured, instances take turns.
/// </summary>
public interface ISiteLock
{
    Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken);
}

public sealed class SingleInstanceSiteLock : ISiteLock
{
    public Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(new Nothing());

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
