namespace ClinicCms.Web.Security;

/// <summary>The ClinicCms:Security configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "ClinicCms:Security";

    /// <summary>Failed sign-ins from one address before the account is locked for that address.</summary>
    public int LockoutMaxFailedAttempts { get; set; } = 5;

    /// <summary>How long failures are counted and a lock lasts.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Failing addresses (with twice LockoutMaxFailedAttempts failures in all) that lock the whole account.</summary>
    public int LockoutAddresses { get; set; } = 3;

    /// <summary>Lifetime of API access tokens.</summary>
    public int AccessTokenSeconds { get; set; } = 3600;

    /// <summary>
    /// Whether sign-in and /connect/token need HTTPS or a client on this host (TransportSecurity); by default they do
    /// outside Development. False accepts plain HTTP from any address: only for a network where nobody can listen.
    /// </summary>
    public bool? RequireHttps { get; set; }

    /// <summary>Sign-in attempts (POST /login) per client address.</summary>
    public RateLimit Login { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    /// <summary>Token requests per client address, counted before the client is checked.</summary>
    public RateLimit Token { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>Failed token requests per client address and per client id; past it even a right secret waits.</summary>
    public RateLimit TokenFailures { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    /// <summary>Requests to /api/* per signed-in user, or per address for anonymous callers; a PermitLimit of 0 turns the limit off.</summary>
    public RateLimit Api { get; set; } = new() { PermitLimit = 2000, WindowSeconds = 10 };

    /// <summary>Requests to /api/* per API client (bearer token), a budget of its own; a PermitLimit of 0 turns the limit off.</summary>
    public RateLimit ApiClient { get; set; } = new() { PermitLimit = 5000, WindowSeconds = 10 };

    /// <summary>GraphQL searches per address for anonymous callers (see <see cref="SearchBudget"/>); a PermitLimit of 0 turns the limit off.</summary>
    public RateLimit Search { get; set; } = new() { PermitLimit = 10, WindowSeconds = 1 };
}

public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; } = 60;
}
