using ClinicCms.Content.Audit;
using ClinicCms.Content.ContentItems;
using ClinicCms.Web.Security;

namespace ClinicCms.Web.Audit;

/// <summary>The user and address of the request being served, for audit rows whose writer named no user.</summary>
internal sealed class RequestAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    public ContentUser? Current => accessor.HttpContext is { } http ? PermissionService.WriterOf(http) : null;
}
