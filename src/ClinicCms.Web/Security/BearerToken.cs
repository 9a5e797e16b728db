namespace ClinicCms.Web.Security;

/// <summary>The token of a request's <c>Authorization: Bearer ...</c> header, read in one place for every check that needs it.</summary>
public static class BearerToken
{
    private const string Prefix = "Bearer ";

    /// <summary>The token, trimmed (possibly empty), or null when the request sends no Bearer header.</summary>
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : null;
    }
}
