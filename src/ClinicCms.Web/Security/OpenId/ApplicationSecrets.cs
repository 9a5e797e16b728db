using System.Security.Cryptography;
using System.Text.Json;
using OpenIddict.Abstractions;

namespace ClinicCms.Web.Security.OpenId;

/// <summary>
/// A stamp of the client's current secret, kept in the application's properties and copied into each token it is
/// issued. A new secret gets a new stamp, so rotating a leaked secret also ends the tokens taken with it.
/// </summary>
public static class ApplicationSecrets
{
    public const string Property = "secretStamp";

    /// <summary>The claim of an access token that carries the stamp of the secret it was issued for.</summary>
    public const string Claim = "cms_secret_stamp";

    public static void Renew(OpenIddictApplicationDescriptor descriptor) =>
        descriptor.Properties[Property] = JsonSerializer.SerializeToElement(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    /// <summary>The stamp of the client's secret, or null for a client created before stamps (its tokens are checked by role and state only).</summary>
    public static string? Stamp(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(Property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
