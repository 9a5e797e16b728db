using ClinicCms.Web.Security.Failures;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Security;

/// <summary>
/// Failed sign-ins counted per account and address. LockoutMaxFailedAttempts failures from one address lock the
/// account for that address only, for LockoutMinutes, so one address cannot keep an editor out. The whole account is
/// locked (Identity's lockout) only when failures within the window come from LockoutAddresses addresses or more and
/// add up to twice LockoutMaxFailedAttempts: a guessing attack spread over many addresses. The counts are
/// <see cref="IFailureCounts"/>: shared by every instance when they share Redis.
/// </summary>
public sealed class SignInLockout(IOptions<SecurityOptions> options, IFailureCounts counts)
{
    private const int MaxAddressesPerAccount = 256;
    private readonly SecurityOptions _options = options.Value;

    private TimeSpan Window => TimeSpan.FromMinutes(Math.Max(1, _options.LockoutMinutes));

    /// <summary>Whether this address may not try this account now.</summary>
    public async Task<bool> IsLockedAsync(string userId, string address) =>
        (await counts.GetAsync(Pair(userId, address))).Count >= _options.LockoutMaxFailedAttempts;

    /// <summary>Counts a failure; true when the whole account should now be locked.</summary>
    public async Task<bool> FailedAsync(string userId, string address)
    {
        var fromAddress = await counts.AddAsync(Pair(userId, address), Window);
        var addresses = fromAddress == 1
            ? await counts.AddAsync(Addresses(userId), Window)
            : (await counts.GetAsync(Addresses(userId))).Count;
        var total = await counts.AddAsync(Total(userId), Window);
        return addresses > MaxAddressesPerAccount // this many addresses failing on one account is an attack on it
            || (addresses >= Math.Max(2, _options.LockoutAddresses) && total >= 2 * _options.LockoutMaxFailedAttempts);
    }

    /// <summary>A right password from this address clears the address's failures.</summary>
    public async Task SucceededAsync(string userId, string address)
    {
        var (failures, _) = await counts.GetAsync(Pair(userId, address));
        if (failures == 0)
        {
            return;
        }
        await counts.ClearAsync(Pair(userId, address));
        await counts.AddAsync(Total(userId), Window, -failures);
        await counts.AddAsync(Addresses(userId), Window, -1);
    }

    private static string Pair(string userId, string address) => $"signin:{userId}|{address}";

    private static string Addresses(string userId) => $"signin:{userId}#addresses";

    private static string Total(string userId) => $"signin:{userId}#total";
}
