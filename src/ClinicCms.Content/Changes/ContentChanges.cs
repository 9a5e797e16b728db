using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicCms.Content.Changes;

/// <summary>
/// Hands committed changes to every <see cref="IContentChangeListener"/>, and counts them per site document so that
/// caches can tell whether their copy may be stale. Only the store announces local changes, after its transaction
/// commits; the Redis notifications re-announce other instances' changes with <c>local: false</c>.
/// </summary>
public sealed class ContentChanges(IServiceProvider services, ILogger<ContentChanges> logger)
{
    private long _definitions;
    private long _roles;
    private long _access;
    private long _settings;
    private long _webhooks;
    private long _all;
    private IContentChangeListener[]? _listeners;

    public long DefinitionsStamp => Interlocked.Read(ref _definitions);

    public long RolesStamp => Interlocked.Read(ref _roles);

    public long AccessStamp => Interlocked.Read(ref _access);

    public long SettingsStamp => Interlocked.Read(ref _settings);

    public long WebhooksStamp => Interlocked.Read(ref _webhooks);

    /// <summary>Moves on with every announcement, before any listener hears it: a reader that saw it unchanged has missed nothing.</summary>
    public long ChangesStamp => Interlocked.Read(ref _all);

    public void Announce(IReadOnlyList<ContentChange> changes, bool local)
    {
        if (changes.Count == 0)
        {
            return;
        }
        Interlocked.Increment(ref _all);
        foreach (var change in changes)
        {
            switch (change.Kind)
            {
                case ChangeKind.Definitions: Interlocked.Increment(ref _definitions); break;
                case ChangeKind.Roles: Interlocked.Increment(ref _roles); break;
                case ChangeKind.Access: Interlocked.Increment(ref _access); break;
                case ChangeKind.Settings: Interlocked.Increment(ref _settings); break;
                case ChangeKind.Webhooks: Interlocked.Increment(ref _webhooks); break;
            }
        }
        // Listeners are resolved late: some of them (the Redis notifications) announce through this class too.
        _listeners ??= services.GetServices<IContentChangeListener>().ToArray();
        foreach (var listener in _listeners)
        {
            try
            {
                listener.OnChanged(changes, local);
            }
            catch (Exception e)
            {
                // The change is committed: a listener's failure must not turn it into an error for the writer.
                logger.LogError(e, "{Listener} failed on a change announcement", listener.GetType().Name);
            }
        }
    }
}
