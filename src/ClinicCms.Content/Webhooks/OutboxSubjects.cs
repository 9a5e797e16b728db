using System.Data.Common;
using ClinicCms.Content.Changes;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Webhooks;

/// <summary>
/// The path and display text of the versions a transaction's changes name, for their payloads: from the rows the
/// writer has in hand (no query), else read in the transaction (a bulk import writes rows without tracking them).
/// </summary>
internal static class OutboxSubjects
{
    private const int Chunk = 500;

    public static async Task<Dictionary<string, (string? Path, string? DisplayText)>> FindAsync(ClinicCmsDbContext db, DbTransaction transaction,
        IEnumerable<ContentChange> changes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (string? Path, string? DisplayText)>(StringComparer.Ordinal);
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<ContentItemVersionRow>())
            {
                found[entry.Entity.ContentItemVersionId] = (entry.Entity.Path, entry.Entity.DisplayText);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
        var missing = changes.Select(c => c.ContentItemVersionId).OfType<string>().Where(id => !found.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in missing.Chunk(Chunk))
        {
            await using var command = WebhookSubscriptions.Command(transaction, "");
            var names = new List<string>();
            for (var i = 0; i < chunk.Length; i++)
            {
                WebhookSubscriptions.Parameter(command, $"@v{i}", chunk[i]);
                names.Add($"@v{i}");
            }
            command.CommandText = $"SELECT \"ContentItemVersionId\", \"Path\", \"DisplayText\" FROM \"ContentItemVersions\" WHERE \"ContentItemVersionId\" IN ({string.Join(", ", names)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            }
        }
        return found;
    }

    public static WebhookPayload.Subject Of(ContentChange change, Dictionary<string, (string? Path, string? DisplayText)> versions)
    {
        if (change.MediaPath is { } media)
        {
            return new WebhookPayload.Subject(null, null, null, media, System.IO.Path.GetFileName(media), IsMedia: true);
        }
        var (path, displayText) = change.ContentItemVersionId is { } id && versions.TryGetValue(id, out var found) ? found : (null, null);
        return new WebhookPayload.Subject(change.ContentItemId, change.ContentItemVersionId, change.ContentType, path, displayText);
    }
}
