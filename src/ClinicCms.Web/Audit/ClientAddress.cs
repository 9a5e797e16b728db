namespace ClinicCms.Web.Audit;

/// <summary>The client's address as the audit trail records it: after UseForwardedHeaders, so behind a trusted proxy it is the client's, not the proxy's.</summary>
public static class ClientAddress
{
    public static string? Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        return address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
