using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Security;

/// <summary>
/// Failed sign-ins counted per account and address. LockoutMaxFailedAttempts failures from one address lock the
/// account for that address only, for LockoutMinutes, so one address cannot keep an editor out. The whole account is
/// locked (Identity's lockout, shared by every instance) only when failures within the window come from
/// LockoutAddresses addresses or more and add up to twice LockoutMaxFailedAttempts: a guessing attack spread over
/// many addresses. Counts are kept in memory, per instance.
/// </summary>
public sealed class SignInLockout(IOptions<SecurityOptions> options, TimeProvider clock)
{
    private const int MaxAddressesPerAccount = 256;
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly SecurityOptions _options = options.Value;

    private sealed class Account
    {
        public DateTimeOffset WindowStart;
        public readonly Dictionary<string, int> FailuresByAddress = new(StringComparer.Ordinal);
    }

    private TimeSpan Window => TimeSpan.FromMinutes(Math.Max(1, _options.LockoutMinutes));

    /// <summary>Whether this address may not try this account now.</summary>
    public bool IsLocked(string userId, string address)
    {
        if (!_accounts.TryGetValue(userId, out var account))
        {
            return false;
        }
        lock (account)
        {
            Expire(account);
            return account.FailuresByAddress.TryGetValue(address, out var failures) && failures >= _options.LockoutMaxFailedAttempts;
        }
    }

    /// <summary>Counts a failure; true when the whole account should now be locked.</summary>
    public bool Failed(string userId, string address)
    {
        var account = _accounts.GetOrAdd(userId, _ => new Account { WindowStart = clock.GetUtcNow() });
        lock (account)
        {
            Expire(account);
            if (account.FailuresByAddress.Count >= MaxAddressesPerAccount && !account.FailuresByAddress.ContainsKey(address))
            {
                return true; // this many addresses failing on one account is an attack on it
            }
            account.FailuresByAddress[address] = account.FailuresByAddress.GetValueOrDefault(address) + 1;
            return account.FailuresByAddress.Count >= Math.Max(2, _options.LockoutAddresses)
                && account.FailuresByAddress.Values.Sum() >= 2 * _options.LockoutMaxFailedAttempts;
        }
    }

    /// <summary>A right password from this address clears the address's failures.</summary>
    public void Succeeded(string userId, string address)
    {
        if (_accounts.TryGetValue(userId, out var account))
        {
            lock (account)
            {
                account.FailuresByAddress.Remove(address);
            }
        }
    }

    private void Expire(Account account)
    {
        var now = clock.GetUtcNow();
        if (now - account.WindowStart >= Window)
        {
            account.FailuresByAddress.Clear();
            account.WindowStart = now;
        }
    }
}
