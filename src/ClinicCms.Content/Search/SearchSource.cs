using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Localization;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Search;

/// <summary>
/// What indexing reads, inside the writing transaction (so it sees that transaction's own writes): the definitions and
/// the site's cultures, the items' published and latest versions with their culture column, and the fingerprint each
/// type was indexed with. The definitions and cultures come from the caches every reader shares, unless the
/// transaction changes them itself.
/// </summary>
internal sealed class SearchSource(ContentDefinitionStore.Cache definitionsCache, SiteCultures.Cache culturesCache)
{
    private Parsed? _parsed;

    // Keyed by the documents' text, not their version: a rolled-back save and the next one may both write version N + 1.
    private sealed record Parsed(string? DefinitionsJson, string? SettingsJson, ContentDefinitionSet Definitions, string? DefaultCulture);

    /// <summary>
    /// The definitions and the default culture (<see cref="LocalizationSettings.From"/> of the site settings) as the
    /// transaction sees them. When <paramref name="changedBySite"/> is false the transaction has not written either
    /// document, so what it reads is committed and the shared caches hold it (parsed once per version); their version
    /// is read in the transaction every time, so a change another process made a moment ago is used, not missed.
    /// </summary>
    public async Task<(ContentDefinitionSet Definitions, string? DefaultCulture)> SiteAsync(DbTransaction transaction, bool changedBySite, CancellationToken cancellationToken)
    {
        if (!changedBySite)
        {
            var (_, definitions) = await definitionsCache.GetCheckedAsync(
                ct => VersionAsync(transaction, SiteDocumentNames.ContentDefinitions, ct),
                async ct =>
                {
                    var (version, json) = await DocumentAsync(transaction, SiteDocumentNames.ContentDefinitions, ct);
                    return (version, json is null ? new ContentDefinitionSet() : ContentDefinitionSet.FromJson(json));
                },
                cancellationToken);
            var (_, cultures) = await culturesCache.GetCheckedAsync(
                ct => VersionAsync(transaction, SiteDocumentNames.Settings, ct),
                async ct =>
                {
                    var (version, json) = await DocumentAsync(transaction, SiteDocumentNames.Settings, ct);
                    return (version, new StrongBox<LocalizationSettings?>(CulturesOf(json)));
                },
                cancellationToken);
            return (definitions, cultures.Value?.DefaultCulture);
        }
        var (_, definitionsJson) = await DocumentAsync(transaction, SiteDocumentNames.ContentDefinitions, cancellationToken);
        var (_, settingsJson) = await DocumentAsync(transaction, SiteDocumentNames.Settings, cancellationToken);
        var parsed = _parsed;
        if (parsed is null || parsed.DefinitionsJson != definitionsJson || parsed.SettingsJson != settingsJson)
        {
            parsed = new Parsed(definitionsJson, settingsJson, definitionsJson is null ? new ContentDefinitionSet() : ContentDefinitionSet.FromJson(definitionsJson),
                CulturesOf(settingsJson)?.DefaultCulture);
            _parsed = parsed;
        }
        return (parsed.Definitions, parsed.DefaultCulture);
    }

    private static LocalizationSettings? CulturesOf(string? settings)
    {
        try
        {
            return settings is null ? null : LocalizationSettings.From(JsonNode.Parse(settings) as JsonObject);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What a type's documents depend on besides its items: its search settings, parts and fields, and the default
    /// culture. A type indexed under another fingerprint is rebuilt.
    /// </summary>
    public static string Fingerprint(ContentTypeDefinition type, ContentDefinitionSet definitions, string? defaultCulture)
    {
        var shape = new StringBuilder().Append(defaultCulture).Append('|').Append(type.Settings["SearchSettings"]?.ToJsonString()).Append('|');
        foreach (var part in type.Parts)
        {
            shape.Append(part.Name).Append(':').Append(part.PartName).Append(';');
        }
        foreach (var (part, field) in definitions.FieldsOf(type))
        {
            shape.Append(part.Name).Append('.').Append(field.Name).Append(':').Append(field.FieldName).Append(';');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(shape.ToString())))[..32];
    }

    public static async Task<Dictionary<string, string>> FingerprintsAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = Command(transaction, "SELECT \"ContentType\", \"Fingerprint\" FROM \"SearchTypes\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[reader.GetString(0)] = reader.GetString(1);
        }
        return stored;
    }

    public static async Task SaveFingerprintsAsync(DbTransaction transaction, IReadOnlyCollection<string> removed, IReadOnlyDictionary<string, string> changed, CancellationToken cancellationToken)
    {
        foreach (var chunk in SqlCommands.Chunks(removed.Concat(changed.Keys).Distinct()))
        {
            var sql = SqlCommands.On(transaction.Connection!, transaction);
            sql.Sql.Append($"DELETE FROM \"SearchTypes\" WHERE \"ContentType\" IN {sql.List(chunk)}");
            await using var command = sql.Done();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var chunk in SqlCommands.Chunks(changed))
        {
            var sql = SqlCommands.On(transaction.Connection!, transaction);
            sql.Sql.Append("INSERT INTO \"SearchTypes\" (\"ContentType\", \"Fingerprint\") VALUES ")
                .AppendJoin(", ", chunk.Select(c => $"({sql.Add(c.Key)}, {sql.Add(c.Value)})"));
            await using var command = sql.Done();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The published and latest versions of the items (a version that is both comes once).</summary>
    public static async Task<List<IndexedVersion>> ItemsAsync(DbTransaction transaction, IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken)
    {
        var items = new List<IndexedVersion>();
        foreach (var chunk in SqlCommands.Chunks(contentItemIds))
        {
            var sql = SqlCommands.On(transaction.Connection!, transaction);
            sql.Sql.Append(Select).Append($"WHERE \"ContentItemId\" IN {sql.List(chunk)} AND (\"Latest\" OR \"Published\")");
            await ReadAsync(sql.Done(), items, cancellationToken);
        }
        return items;
    }

    /// <summary>The published and latest versions of the items, without their content: what an item's documents are checked against.</summary>
    public static async Task<List<ActiveVersion>> ActiveAsync(DbTransaction transaction, IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken)
    {
        var versions = new List<ActiveVersion>();
        foreach (var chunk in SqlCommands.Chunks(contentItemIds))
        {
            var sql = SqlCommands.On(transaction.Connection!, transaction);
            sql.Sql.Append("SELECT \"ContentItemId\", \"ContentItemVersionId\", \"ContentType\", \"ConcurrencyStamp\", \"Latest\", \"Published\" FROM \"ContentItemVersions\" ")
                .Append($"WHERE \"ContentItemId\" IN {sql.List(chunk)} AND (\"Latest\" OR \"Published\")");
            await using var command = sql.Done();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(new ActiveVersion(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4), reader.GetBoolean(5)));
            }
        }
        return versions;
    }

    /// <summary>The next <paramref name="count"/> published and latest versions of the type after row <paramref name="afterId"/>, by row id.</summary>
    public static async Task<(List<IndexedVersion> Items, long LastId)> TypePageAsync(DbTransaction transaction, string contentType, long afterId, int count, CancellationToken cancellationToken)
    {
        var sql = SqlCommands.On(transaction.Connection!, transaction);
        sql.Sql.Append(Select).Append($"WHERE \"ContentType\" = {sql.Add(contentType)} AND \"Id\" > {sql.Add(afterId)} AND (\"Latest\" OR \"Published\") ORDER BY \"Id\" LIMIT {sql.Add(count)}");
        var items = new List<IndexedVersion>();
        var last = await ReadAsync(sql.Done(), items, cancellationToken);
        return (items, last);
    }

    private const string Select = "SELECT \"Id\", \"ContentItemId\", \"ContentItemVersionId\", \"ContentType\", \"DisplayText\", \"Latest\", \"Published\", \"Owner\", \"Content\", \"Culture\" FROM \"ContentItemVersions\" ";

    private static async Task<long> ReadAsync(DbCommand command, List<IndexedVersion> items, CancellationToken cancellationToken)
    {
        long last = 0;
        var rows = new List<(ContentItemVersionRow Row, string? Culture)>();
        await using (command)
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                last = reader.GetInt64(0);
                rows.Add((new ContentItemVersionRow
                {
                    ContentItemId = reader.GetString(1),
                    ContentItemVersionId = reader.GetString(2),
                    ContentType = reader.GetString(3),
                    DisplayText = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Latest = reader.GetBoolean(5),
                    Published = reader.GetBoolean(6),
                    Owner = reader.IsDBNull(7) ? null : reader.GetString(7),
                    Content = reader.GetString(8),
                }, reader.IsDBNull(9) ? null : reader.GetString(9)));
            }
        }
        items.AddRange(OrderedMap.Of(rows, r => new IndexedVersion(ContentItemMapper.ToItem(r.Row), r.Culture)));
        return last;
    }

    private static async Task<long> VersionAsync(DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, "SELECT \"Version\" FROM \"SiteDocuments\" WHERE \"Name\" = @n", ("@n", name));
        return await command.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull ? Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<(long Version, string? Json)> DocumentAsync(DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, "SELECT \"Version\", \"Content\" FROM \"SiteDocuments\" WHERE \"Name\" = @n", ("@n", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0, null);
    }

    private static DbCommand Command(DbTransaction transaction, string text, params (string Name, object Value)[] parameters)
    {
        var sql = SqlCommands.On(transaction.Connection!, transaction);
        var command = sql.Command;
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}

/// <summary>A version to index, with its Culture column: the culture a list's culture filter sees (null on a type without LocalizationPart).</summary>
internal sealed record IndexedVersion(ContentItem Item, string? Culture);

/// <summary>A published or latest version as stored, without its content (<see cref="SearchSource.ActiveAsync"/>).</summary>
internal sealed record ActiveVersion(string ContentItemId, string ContentItemVersionId, string ContentType, string ConcurrencyStamp, bool Latest, bool Published);
