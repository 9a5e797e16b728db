using System.Security.Cryptography;

namespace ClinicCms.Content.Webhooks;

/// <summary>Standard Webhooks secrets: <c>whsec_</c> followed by the base64 of the signing key (24 to 64 bytes).</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MinKeyBytes = 24;
    public const int MaxKeyBytes = 64;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The signing key of <paramref name="secret"/>, or null when it is not a <c>whsec_</c> secret of a usable length.</summary>
    public static byte[]? KeyOf(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var buffer = new byte[MaxKeyBytes + 3];
        return Convert.TryFromBase64String(secret[Prefix.Length..], buffer, out var length) && length is >= MinKeyBytes and <= MaxKeyBytes
            ? buffer[..length]
            : null;
    }
}
