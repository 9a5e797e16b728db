namespace ClinicCms.Web.Security;

/// <summary>The ClinicCms:Security configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "ClinicCms:Security";

    /// <summary>Failed sign-ins before an account is locked.</summary>
    public int LockoutMaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Lifetime of API access tokens.</summary>
    public int AccessTokenSeconds { get; set; } = 3600;

    /// <summary>
    /// Whether sign-in and /connect/token need HTTPS or a client on this host (TransportSecurity); by default they do
    /// outside Development. False accepts plain HTTP from any address: only for a network where nobody can listen.
    /// </summary>
    public bool? RequireHttps { get; set; }

    /// <summary>Sign-in attempts (POST /login) per client address.</summary>
    public RateLimit Login { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    /// <summary>Token requests per client address.</summary>
    public RateLimit Token { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>Requests to /api/* per API client, user or address; a PermitLimit of 0 turns the limit off.</summary>
    public RateLimit Api { get; set; } = new() { PermitLimit = 2000, WindowSeconds = 10 };
}

public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; } = 60;
}
