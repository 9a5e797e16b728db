using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Audit;

/// <summary>
/// Who is acting when a writer does not say (a role or type saved from the admin, an API client changed): the
/// host knows the request's user and address. Null outside a request (setup, a background job): the site itself.
/// </summary>
public interface IAuditActor
{
    ContentUser? Current { get; }
}

internal sealed class NoAuditActor : IAuditActor
{
    public ContentUser? Current => null;
}
