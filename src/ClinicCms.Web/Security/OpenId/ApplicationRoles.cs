using System.Text.Json;
using OpenIddict.Abstractions;

namespace ClinicCms.Web.Security.OpenId;

/// <summary>The roles of an API client (Orchard's RoleEntries), kept in the OpenIddict application's properties.</summary>
public static class ApplicationRoles
{
    public const string Property = "roles";

    /// <summary>Set on a disabled client: it gets no new tokens and the ones it holds are refused.</summary>
    public const string DisabledProperty = "disabled";

    public static void Set(OpenIddictApplicationDescriptor descriptor, IEnumerable<string> roles) =>
        descriptor.Properties[Property] = JsonSerializer.SerializeToElement(roles.Distinct(StringComparer.OrdinalIgnoreCase).ToArray());

    public static async Task<string[]> GetAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(Property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToArray()
            : [];
    }
}
