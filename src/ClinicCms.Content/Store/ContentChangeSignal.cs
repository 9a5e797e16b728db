namespace ClinicCms.Content.Store;

public enum ChangeKind
{
    Content,
    Definitions,
    Roles,

    /// <summary>An API client or user was disabled, deleted or given other roles.</summary>
    Access,

    /// <summary>The site settings document changed (a recipe's Settings step).</summary>
    Settings,
}

/// <summary>
/// Tells this process's caches that definitions, content, roles or access changed, right after the change commits. Other
/// processes learn it from the change notifications (Redis) or by polling the documents' versions.
/// </summary>
public sealed class ContentChangeSignal
{
    private long _definitions;
    private long _content;
    private long _roles;
    private long _access;
    private long _settings;

    /// <summary>Raised on every change; local is false for a change announced by another instance.</summary>
    public event Action<ChangeKind, bool>? Changed;

    public long DefinitionsStamp => Interlocked.Read(ref _definitions);

    public long ContentStamp => Interlocked.Read(ref _content);

    public long RolesStamp => Interlocked.Read(ref _roles);

    public long AccessStamp => Interlocked.Read(ref _access);

    public long SettingsStamp => Interlocked.Read(ref _settings);

    public void DefinitionsChanged() => Notify(ChangeKind.Definitions, local: true);

    public void ContentChanged() => Notify(ChangeKind.Content, local: true);

    public void RolesChanged() => Notify(ChangeKind.Roles, local: true);

    public void AccessChanged() => Notify(ChangeKind.Access, local: true);

    public void SettingsChanged() => Notify(ChangeKind.Settings, local: true);

    public void Notify(ChangeKind kind, bool local)
    {
        switch (kind)
        {
            case ChangeKind.Definitions:
                Interlocked.Increment(ref _definitions);
                Interlocked.Increment(ref _content);
                break;
            case ChangeKind.Roles:
                Interlocked.Increment(ref _roles);
                break;
            case ChangeKind.Access:
                Interlocked.Increment(ref _access);
                break;
            case ChangeKind.Settings:
                Interlocked.Increment(ref _settings);
                break;
            default:
                Interlocked.Increment(ref _content);
                break;
        }
        Changed?.Invoke(kind, local);
    }
}
