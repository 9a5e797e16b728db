using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Search;

/// <summary>
/// What indexing reads, inside the writing transaction (so it sees that transaction's own writes): the definitions and
/// the site's default culture (each parsed once per document version), the items' published and latest versions, and
/// the fingerprint each type was indexed with.
/// </summary>
internal sealed class SearchSource
{
    private Parsed? _parsed;

    // Keyed by the documents' text, not their version: a rolled-back save and the next one may both write version N + 1.
    private sealed record Parsed(string? DefinitionsJson, string? SettingsJson, ContentDefinitionSet Definitions, string? DefaultCulture);

    /// <summary>The definitions and the default culture (LocalizationSettings.DefaultCulture of the site settings) as the transaction sees them.</summary>
    public async Task<(ContentDefinitionSet Definitions, string? DefaultCulture)> SiteAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        var definitions = await ContentAsync(transaction, SiteDocumentNames.ContentDefinitions, cancellationToken);
        var settings = await ContentAsync(transaction, SiteDocumentNames.Settings, cancellationToken);
        var parsed = _parsed;
        if (parsed is null || parsed.DefinitionsJson != definitions || parsed.SettingsJson != settings)
        {
            parsed = new Parsed(definitions, settings, definitions is null ? new ContentDefinitionSet() : ContentDefinitionSet.FromJson(definitions), DefaultCultureOf(settings));
            _parsed = parsed;
        }
        return (parsed.Definitions, parsed.DefaultCulture);
    }

    private static string? DefaultCultureOf(string? settings)
    {
        try
        {
            return settings is not null && JsonNode.Parse(settings) is JsonObject root && root["LocalizationSettings"] is JsonObject localization
                && localization["DefaultCulture"] is JsonValue value && value.TryGetValue<string>(out var culture) && !string.IsNullOrWhiteSpace(culture)
                ? culture : null;
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
    public static async Task<List<ContentItem>> ItemsAsync(DbTransaction transaction, IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken)
    {
        var items = new List<ContentItem>();
        foreach (var chunk in SqlCommands.Chunks(contentItemIds))
        {
            var sql = SqlCommands.On(transaction.Connection!, transaction);
            sql.Sql.Append(Select).Append($"WHERE \"ContentItemId\" IN {sql.List(chunk)} AND (\"Latest\" OR \"Published\")");
            await ReadAsync(sql.Done(), items, cancellationToken);
        }
        return items;
    }

    /// <summary>The next <paramref name="count"/> published and latest versions of the type after row <paramref name="afterId"/>, by row id.</summary>
    public static async Task<(List<ContentItem> Items, long LastId)> TypePageAsync(DbTransaction transaction, string contentType, long afterId, int count, CancellationToken cancellationToken)
    {
        var sql = SqlCommands.On(transaction.Connection!, transaction);
        sql.Sql.Append(Select).Append($"WHERE \"ContentType\" = {sql.Add(contentType)} AND \"Id\" > {sql.Add(afterId)} AND (\"Latest\" OR \"Published\") ORDER BY \"Id\" LIMIT {sql.Add(count)}");
        var items = new List<ContentItem>();
        var last = await ReadAsync(sql.Done(), items, cancellationToken);
        return (items, last);
    }

    private const string Select = "SELECT \"Id\", \"ContentItemId\", \"ContentItemVersionId\", \"ContentType\", \"DisplayText\", \"Latest\", \"Published\", \"Owner\", \"Content\" FROM \"ContentItemVersions\" ";

    private static async Task<long> ReadAsync(DbCommand command, List<ContentItem> items, CancellationToken cancellationToken)
    {
        long last = 0;
        await using (command)
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                last = reader.GetInt64(0);
                items.Add(ContentItemMapper.ToItem(new ContentItemVersionRow
                {
                    ContentItemId = reader.GetString(1),
                    ContentItemVersionId = reader.GetString(2),
                    ContentType = reader.GetString(3),
                    DisplayText = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Latest = reader.GetBoolean(5),
                    Published = reader.GetBoolean(6),
                    Owner = reader.IsDBNull(7) ? null : reader.GetString(7),
                    Content = reader.GetString(8),
                }));
            }
        }
        return last;
    }

    private static async Task<string?> ContentAsync(DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, "SELECT \"Content\" FROM \"SiteDocuments\" WHERE \"Name\" = @n", ("@n", name));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
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
