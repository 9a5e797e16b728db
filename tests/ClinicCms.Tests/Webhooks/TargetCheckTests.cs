using System.Net;
using ClinicCms.Web.Webhooks;

namespace ClinicCms.Tests.Webhooks;

public sealed class TargetCheckTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("100.64.0.1", "shared")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fd00::1", "private")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("2002:7f00:1::1", "loopback")]
    [InlineData("2002:a9fe:a9fe::", "link-local")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo")]
    [InlineData("192.0.2.2", "documentation")]
    [InlineData("198.51.100.7", "documentation")]
    [InlineData("203.0.113.9", "documentation")]
    [InlineData("::ffff:203.0.113.9", "documentation")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("::ffff:0:7f00:1", "loopback")]
    [InlineData("::ffff:0:a9fe:a9fe", "link-local")]
    [InlineData("::ffff:0:c000:202", "documentation")]
    [InlineData("3fff::1", "documentation")]
    [InlineData("3fff:fff:ffff::1", "documentation")]
    [InlineData("100::1", "discard-only")]
    [InlineData("5f00::1", "segment routing")]
    [InlineData("64:ff9b:1::a00:1", "local translation")]
    [InlineData("2001:2::1", "IETF protocol")]
    [InlineData("2001:20::1", "IETF protocol")]
    [InlineData("2001:1ff::1", "IETF protocol")]
    [InlineData("4000::1", "outside global unicast")]
    [InlineData("1::1", "outside global unicast")]
    [InlineData("::1:2:3:4", "outside global unicast")]
    [InlineData("100:0:0:1::1", "outside global unicast")]
    public void Non_public_addresses_are_refused_with_their_kind(string address, string kind) =>
        Assert.Contains(kind, TargetCheck.Problem(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:0:808:808")]
    [InlineData("2001:200::1")]
    [InlineData("3fff:1000::1")]
    public void Public_addresses_pass(string address) => Assert.Null(TargetCheck.Problem(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("::ffff:93.184.215.14")]
    [InlineData("::ffff:0:5db8:d70e")]
    [InlineData("2002:5db8:d70e::1")]
    [InlineData("2606:4700::1111")]
    public void A_public_address_of_this_host_is_refused_in_any_form(string address)
    {
        IReadOnlySet<IPAddress> host = new HashSet<IPAddress> { IPAddress.Parse("93.184.215.14"), IPAddress.Parse("2606:4700::1111") };
        Assert.Contains("an address of this host", TargetCheck.Problem(IPAddress.Parse(address), host), StringComparison.Ordinal);
        Assert.Null(TargetCheck.Problem(IPAddress.Parse(address), new HashSet<IPAddress>()));
    }

    [Fact]
    public void Every_address_of_this_hosts_network_interfaces_is_refused()
    {
        var addresses = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address).ToList();
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.NotNull(TargetCheck.Problem(a)));
        Assert.All(HostAddresses.Current, a => Assert.Contains(a, addresses.Select(HostAddresses.Normal)));
    }
}
