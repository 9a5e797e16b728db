using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Media;

/// <summary>
/// Part of /health/ready: the media folder takes a write (not read-only, not full) and its disk has at least
/// ClinicCms:Media:MinFreeBytes free, so an instance that cannot store uploads is taken out of rotation with the reason.
/// </summary>
public sealed class MediaHealthCheck(MediaStore media, IOptions<MediaOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(media.Root, $".health-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(media.Root);
            // DeleteOnClose: the probe goes away even when the write fails.
            using (var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                file.WriteByte(0);
                file.Flush(flushToDisk: true);
            }
            var free = new DriveInfo(Path.GetFullPath(media.Root)).AvailableFreeSpace;
            var minimum = options.Value.MinFreeBytes;
            return Task.FromResult(free < minimum
                ? HealthCheckResult.Unhealthy($"The media folder's disk has {free / 1024 / 1024} MB free, less than the {minimum / 1024 / 1024} MB required (ClinicCms:Media:MinFreeBytes).")
                : HealthCheckResult.Healthy());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The media folder cannot be written ({MediaError.StorageProblem(e)})."));
        }
    }
}
