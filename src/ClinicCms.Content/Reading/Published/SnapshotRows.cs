using System.Data.Common;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Reading.Published;

/// <summary>
/// Collects a snapshot's rows as a source reads them, whatever the provider: the field values first (only of the
/// fields wanted), then the published version rows (<see cref="HeadColumns"/>, in that order).
/// </summary>
internal sealed class SnapshotRows(HashSet<(string Part, string Field)> wanted)
{
    public const string HeadColumns = """
        "Id", "ContentItemId", "ContentItemVersionId", "ContentType", "DisplayText", "Latest", "CreatedUtc", "ModifiedUtc",
        "PublishedUtc", "Owner", "Author", "Path", "ConcurrencyStamp", "Culture", "LocalizationSet"
        """;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal); // types, parts, fields, owners: one string each
    private readonly Dictionary<long, List<IndexedField>> _fields = [];
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private readonly List<IndexedRow> _rows = [];

    /// <summary>Whether the snapshot holds the field's values: read a value only then.</summary>
    public bool Wants(string part, string field) => wanted.Contains((part, field));

    /// <summary>A field index value of a version, as the column of its kind holds it.</summary>
    public void AddField(long versionRowId, string part, string field, object value) =>
        (_fields.TryGetValue(versionRowId, out var list) ? list : _fields[versionRowId] = [])
            .Add(new IndexedField(Shared(part), Shared(field), value));

    /// <summary>The version row the reader is on, read as <see cref="HeadColumns"/> lists them.</summary>
    public void AddHead(DbDataReader reader)
    {
        var head = new ContentItemVersionRow
        {
            Id = reader.GetInt64(0),
            ContentItemId = reader.GetString(1),
            ContentItemVersionId = reader.GetString(2),
            ContentType = Shared(reader.GetString(3)),
            DisplayText = reader.IsDBNull(4) ? null : reader.GetString(4),
            Latest = reader.GetBoolean(5),
            Published = true,
            CreatedUtc = reader.IsDBNull(6) ? null : reader.GetDateTime(6),
            ModifiedUtc = reader.IsDBNull(7) ? null : reader.GetDateTime(7),
            PublishedUtc = reader.IsDBNull(8) ? null : reader.GetDateTime(8),
            Owner = reader.IsDBNull(9) ? null : Shared(reader.GetString(9)),
            Author = reader.IsDBNull(10) ? null : Shared(reader.GetString(10)),
            Path = reader.IsDBNull(11) ? null : reader.GetString(11),
            ConcurrencyStamp = reader.GetString(12),
            Culture = reader.IsDBNull(13) ? null : Shared(reader.GetString(13)),
            LocalizationSet = reader.IsDBNull(14) ? null : reader.GetString(14),
            Fields = null!, // the index keeps its own
        };
        var ordinal = _ordinals.GetValueOrDefault(head.ContentType);
        _ordinals[head.ContentType] = ordinal + 1;
        _rows.Add(new IndexedRow(head, ordinal, _fields.TryGetValue(head.Id, out var list) ? [.. list] : []));
    }

    public PublishedSnapshot Snapshot(long revision) => new(revision, wanted, _rows);

    private string Shared(string name) => _names.TryGetValue(name, out var shared) ? shared : _names[name] = name;
}
