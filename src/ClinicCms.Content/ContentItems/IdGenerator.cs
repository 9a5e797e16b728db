using System.Security.Cryptography;

namespace ClinicCms.Content.ContentItems;

/// <summary>Orchard Core's 26-character ids: Crockford-style base32 of 128 random bits, 13 characters per 64-bit half.</summary>
public static class IdGenerator
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[26];
        Encode(BitConverter.ToUInt64(bytes[..8]), chars[..13]);
        Encode(BitConverter.ToUInt64(bytes[8..]), chars[13..]);
        return new string(chars);
    }

    private static void Encode(ulong value, Span<char> into)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
    }
}
