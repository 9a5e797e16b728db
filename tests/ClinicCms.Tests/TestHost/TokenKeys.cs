using System.Security.Cryptography;

namespace ClinicCms.Tests.TestHost;

/// <summary>
/// The token signing and encryption keys a new site would create, made once per test run and written into each new
/// data folder before its site starts: making two RSA keys costs a new host about half a second of processor time.
/// The site reads them as it reads its own keys after a restart.
/// </summary>
public static class TokenKeys
{
    private static readonly Lazy<(string Signing, string Encryption)> Pems = new(() => (NewPem(), NewPem()));

    /// <summary>Puts the run's keys into the data folder's site, unless it has keys of its own.</summary>
    public static void WriteInto(string dataPath)
    {
        var folder = Path.Combine(dataPath, "Sites", "Default", "openid");
        if (File.Exists(Path.Combine(folder, "signing.pem")) || File.Exists(Path.Combine(folder, "encryption.pem")))
        {
            return;
        }
        Directory.CreateDirectory(folder);
        foreach (var (name, pem) in new[] { ("signing", Pems.Value.Signing), ("encryption", Pems.Value.Encryption) })
        {
            var file = Path.Combine(folder, $"{name}.pem");
            File.WriteAllText(file, pem);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    private static string NewPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }
}
