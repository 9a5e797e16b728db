using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;

namespace ClinicCms.Web.Preview;

/// <summary>
/// What a preview token says: who issued it (a user with their security stamp then, or an API client with the stamp
/// of its secret then), for which item, and until when. Sealed with ASP.NET Core Data Protection, whose keys every
/// instance shares (the data folder, or Redis when several instances run), as the editors' cookies are: a changed
/// byte makes it unreadable.
/// </summary>
public sealed record PreviewToken(
    [property: JsonPropertyName("k")] string IssuerKind,
    [property: JsonPropertyName("s")] string Issuer,
    [property: JsonPropertyName("st")] string? SecurityStamp,
    [property: JsonPropertyName("i")] string ContentItemId,
    [property: JsonPropertyName("e")] long ExpiresUnixSeconds)
{
    /// <summary>Every preview token starts with this, so the authentication scheme can tell it from an OAuth access token.</summary>
    public const string Prefix = "preview.";

    public const string UserIssuer = "user";
    public const string ClientIssuer = "client";

    private const string Purpose = "ClinicCms.PreviewToken.v1";

    public DateTimeOffset ExpiresUtc => DateTimeOffset.FromUnixTimeSeconds(ExpiresUnixSeconds);

    public static bool LooksLikeOne(string? bearer) => bearer is not null && bearer.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(IDataProtectionProvider protection) =>
        Prefix + protection.CreateProtector(Purpose).Protect(JsonSerializer.Serialize(this));

    /// <summary>The token's claims, or null when it was not sealed here (tampered, cut, or made with other keys).</summary>
    public static PreviewToken? Open(IDataProtectionProvider protection, string token)
    {
        if (!LooksLikeOne(token) || token.Length > 4096)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<PreviewToken>(protection.CreateProtector(Purpose).Unprotect(token[Prefix.Length..]));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
