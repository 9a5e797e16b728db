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
    /// <summary>With Redis, every instance uses the key stored there (the first instance to start writes it).</summary>
    public static RsaSecurityKey Load(AppDataPaths paths, string name, StackExchange.Redis.IConnectionMultiplexer? redis, string keyPrefix)
    {
        if (redis is null)
        {
            return Load(paths, name);
        }
        var database = redis.GetDatabase();
        var key = (StackExchange.Redis.RedisKey)$"{keyPrefix}openid:{name}";
        // Only the first instance makes a key; the others read it rather than make one they throw away.
        var pem = (string?)database.StringGet(key);
        if (pem is null)
        {
            using (var created = RSA.Create(2048))
            {
                database.StringSet(key, created.ExportPkcs8PrivateKeyPem(), when: StackExchange.Redis.When.NotExists);
            }
            pem = (string?)database.StringGet(key) ?? throw new InvalidOperationException($"The token key {key} could not be read from Redis.");
        }
        return FromPem(pem, name);
    }

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
        return FromPem(File.ReadAllText(file), name);
    }

    // The key id names the key's use and its public half, so that tokens name the key that signed them.
    private static RsaSecurityKey FromPem(string pem, string name)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa) { KeyId = $"{name}-{Convert.ToHexStringLower(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16]}" };
    }
}
