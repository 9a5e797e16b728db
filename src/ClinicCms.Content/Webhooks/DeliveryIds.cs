using System.Security.Cryptography;

namespace ClinicCms.Content.Webhooks;

/// <summary>
/// Delivery ids (the <c>webhook-id</c> header): <c>msg_</c> and a ULID-like 26 characters of Crockford base32, the
/// time in milliseconds first, so ids sort by creation, then 80 random bits.
/// </summary>
public static class DeliveryIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)now.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }
        RandomNumberGenerator.Fill(bytes[6..]);
        Span<char> text = stackalloc char[26];
        // 128 bits as 26 groups of 5 bits (the first group holds the top 3 bits).
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
        for (var i = 25; i >= 0; i--)
        {
            text[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return "msg_" + new string(text);
    }
}
