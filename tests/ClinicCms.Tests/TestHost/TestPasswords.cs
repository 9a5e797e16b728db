using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.TestHost;

/// <summary>
/// Test sites hash passwords with fewer PBKDF2 rounds than the app (which keeps Identity's default). The hash is of the
/// same kind and records its rounds, so signing in checks it as the app would; the rounds' cost is not what the tests
/// are about, and the run creates and signs in users hundreds of times.
/// </summary>
public static class TestPasswords
{
    public const int Rounds = 1000;

    public static IServiceCollection HashWithTestRounds(this IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = Rounds);
}
