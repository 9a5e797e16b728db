namespace ClinicCms.Web.Security.Failures;

/// <summary>
/// Failed sign-ins and token requests, counted per key in fixed windows that start with a key's first failure. Kept in
/// memory on one instance and in Redis when several share one, so that a guesser gets one budget however many
/// instances answer.
/// </summary>
public interface IFailureCounts
{
    /// <summary>Adds <paramref name="amount"/> (negative to take back) to the key's count; returns the count now.</summary>
    Task<long> AddAsync(string key, TimeSpan window, long amount = 1);

    /// <summary>The key's count in its window, and how long until the window ends (zero when there is none).</summary>
    Task<(long Count, TimeSpan Remaining)> GetAsync(string key);

    Task ClearAsync(string key);
}
