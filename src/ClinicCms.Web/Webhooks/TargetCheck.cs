using System.Net;
using System.Net.Sockets;

namespace ClinicCms.Web.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach unless <see cref="WebhookOptions.AllowPrivateTargets"/> is on: anything that
/// is not a public unicast address, and this host's own interface addresses, so a webhook cannot be pointed at this
/// host, its network or its cloud's metadata.
/// </summary>
public static class TargetCheck
{
    /// <summary>Why <paramref name="address"/> is refused ("a loopback address"), or null for a public address of another host.</summary>
    public static string? Problem(IPAddress address) => Problem(address, HostAddresses.Current);

    /// <param name="host">This host's own addresses (<see cref="HostAddresses"/>), normalized as <see cref="HostAddresses.Normal"/> does.</param>
    public static string? Problem(IPAddress address, IReadOnlySet<IPAddress> host)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Problem(address.MapToIPv4(), host);
        }
        var problem = address.AddressFamily switch
        {
            AddressFamily.InterNetwork => V4Problem(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => V6Problem(address, host),
            _ => "not an IP address",
        };
        return problem ?? (host.Contains(HostAddresses.Normal(address)) ? "an address of this host (one of its network interfaces)" : null);
    }

    private static string? V4Problem(byte[] b) => b switch
    {
        [0, ..] => "an unspecified (0.0.0.0/8) address",
        [127, ..] => "a loopback address",
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "a private address",
        [100, >= 64 and <= 127, ..] => "a shared (carrier-grade NAT) address",
        [169, 254, ..] => "a link-local address",
        [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => "a documentation (RFC 5737) address",
        [192, 0, 0, _] or [198, 18 or 19, ..] => "a reserved address",
        [>= 224 and <= 239, ..] => "a multicast address",
        [>= 240, ..] => "a reserved or broadcast address",
        _ => null,
    };

    private static string? V6Problem(IPAddress address, IReadOnlySet<IPAddress> host)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address";
        }
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "a loopback address";
        }
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "a link-local address";
        }
        if (address.IsIPv6Multicast)
        {
            return "a multicast address";
        }
        if ((b[0] & 0xFE) == 0xFC)
        {
            return "a private (unique local) address";
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        {
            return "a documentation (2001:db8::/32) address";
        }
        if (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xF0) == 0)
        {
            return "a documentation (3fff::/20) address";
        }
        if (b[0] == 0x01 && b.AsSpan(1, 7).IndexOfAnyExcept((byte)0) < 0)
        {
            return "a discard-only (100::/64) address";
        }
        if (b[0] == 0x5f && b[1] == 0)
        {
            return "a segment routing (5f00::/16) address";
        }
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0 && b[5] == 1)
        {
            return "a local translation (64:ff9b:1::/48) address";
        }
        // 6to4 (2002::/16) carries an IPv4 address in bytes 2 to 5: it is as reachable as that address.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return Problem(new IPAddress(b[2..6]), host);
        }
        // Teredo (2001::/32) tunnels to an obscured IPv4 address and port, which cannot be checked: refused.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        {
            return "a Teredo (2001::/32) tunnel address";
        }
        // The rest of 2001::/23 is for protocols (benchmarking 2001:2::/48, ORCHID, anycast services), no webhook's host.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] <= 0x01)
        {
            return "an IETF protocol (2001::/23) address";
        }
        // NAT64 (64:ff9b::/96), IPv4-compatible (::/96) and IPv4-translated (::ffff:0:0/96, RFC 2765) addresses carry
        // an IPv4 address in their last four bytes.
        if ((b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            || b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0
            || (b.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0 && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0))
        {
            return Problem(new IPAddress(b[12..]), host);
        }
        // Only global unicast (2000::/3) is assigned to the internet; the rest is reserved, unassigned or local.
        return (b[0] & 0xE0) == 0x20 ? null : "an address outside global unicast (2000::/3)";
    }
}
