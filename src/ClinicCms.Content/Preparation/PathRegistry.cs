using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Preparation;

/// <summary>
/// Which item holds each path among published and latest versions, for one unit of work: what the database
/// says plus what this unit of work has claimed so far, so that a batch import checks paths without a query per item.
/// </summary>
public sealed class PathRegistry(ClinicCmsDbContext db)
{
    private readonly Dictionary<string, HashSet<string>> _holders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Loads the holders of many paths with one query.</summary>
    public async Task PreloadAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var missing = paths.Where(p => !_holders.ContainsKey(p)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            var rows = await db.ContentItems.AsNoTracking()
                .Where(r => r.Path != null && chunk.Contains(r.Path) && (r.Published || r.Latest))
                .Select(r => new { r.Path, r.ContentItemId })
                .ToListAsync(cancellationToken);
            foreach (var path in chunk)
            {
                _holders[path] = [];
            }
            foreach (var row in rows)
            {
                Holders(row.Path!).Add(row.ContentItemId);
            }
        }
    }

    public async Task<bool> IsTakenAsync(string path, string contentItemId, CancellationToken cancellationToken = default)
    {
        if (!_holders.ContainsKey(path))
        {
            await PreloadAsync([path], cancellationToken);
        }
        return _holders[path].Any(id => id != contentItemId);
    }

    public void Claim(string path, string contentItemId) => Holders(path).Add(contentItemId);

    private HashSet<string> Holders(string path)
    {
        if (!_holders.TryGetValue(path, out var holders))
        {
            holders = [];
            _holders[path] = holders;
        }
        return holders;
    }
}
