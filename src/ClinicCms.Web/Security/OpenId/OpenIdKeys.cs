using System.Security.Cryptography;
using ClinicCms.Web.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace ClinicCms.Web.Security.OpenId;

/// <summary>
/// The token signing and encryption keys, kept as PEM files in the site's folder so that tokens survive a restart.
/// Created on first use; when two processes start together, the first file written wins and both read it.
/// </summary>
public static class OpenIdKeys
{
    public static RsaSecurityKey Load(AppDataPaths paths, string name)
    {
        var folder = Path.Combine(paths.DefaultSite, "openid");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{name}.pem");
        if (!File.Exists(file))
        {
            using var created = RSA.Create(2048);
            var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, created.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            try
            {
                File.Move(temporary, file, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(temporary); // another process wrote the key first; use theirs
            }
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(file));
        return new RsaSecurityKey(rsa) { KeyId = $"{name}-{Convert.ToHexStringLower(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16]}" };
    }
}
