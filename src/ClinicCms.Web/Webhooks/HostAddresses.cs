using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;

namespace ClinicCms.Web.Webhooks;

/// <summary>
/// The unicast addresses of this host's network interfaces: a service bound to 0.0.0.0 answers on each of them, so a
/// webhook to one (its eth0 address, or a name resolving to it) reaches this host as surely as loopback does. Read
/// again at most once a minute, since interfaces and their addresses come and go.
/// </summary>
public static class HostAddresses
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private sealed record Snapshot(IReadOnlySet<IPAddress> Addresses, long ReadAt);

    private static Snapshot? _current;

    public static IReadOnlySet<IPAddress> Current
    {
        get
        {
            var current = Volatile.Read(ref _current);
            if (current is null || Stopwatch.GetElapsedTime(current.ReadAt) > MaxAge)
            {
                // Two readers may both read the interfaces; either result is right, and the last one stays.
                current = new Snapshot(Read(), Stopwatch.GetTimestamp());
                Volatile.Write(ref _current, current);
            }
            return current.Addresses;
        }
    }

    /// <summary>
    /// <paramref name="address"/> as the set holds it: an IPv4-mapped address as IPv4, an IPv6 address without its
    /// scope (an interface's own address may carry its interface index, a resolved one does not).
    /// </summary>
    public static IPAddress Normal(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4()
        : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new IPAddress(address.GetAddressBytes())
        : address;

    // Where the interfaces cannot be listed (a locked-down container), the last list read, else none: the address
    // ranges TargetCheck refuses still apply.
    private static IReadOnlySet<IPAddress> Read()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(u => Normal(u.Address))
                .ToHashSet();
        }
        catch (NetworkInformationException)
        {
            return Volatile.Read(ref _current)?.Addresses ?? new HashSet<IPAddress>();
        }
    }
}
