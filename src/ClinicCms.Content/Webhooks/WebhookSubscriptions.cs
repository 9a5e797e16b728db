using System.Data.Common;
using ClinicCms.Content.Changes;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Webhooks;

/// <summary>
/// The enabled webhooks, cached so that a write with nothing subscribed costs no query. Read inside the writer's
/// transaction, on its connection. Every webhook write moves the version of the <see cref="SiteDocumentNames.Webhooks"/>
/// document, and the store announces it once the write's transaction (a recipe's, when it runs in one) has committed:
/// that announcement, here or from another instance over Redis, has the next read check the version; without Redis,
/// another instance's change is seen within <see cref="PollInterval"/>.
/// </summary>
public sealed class WebhookSubscriptions(ContentChanges changes, TimeProvider clock)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly VersionedCache<WebhookSubscription[]> _cache = new(() => changes.WebhooksStamp, PollInterval, clock);

    internal async ValueTask<WebhookSubscription[]> GetAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (_cache.TryGetFresh(out _, out var fresh))
        {
            return fresh;
        }
        var (_, value) = await _cache.GetAsync(ct => VersionAsync(transaction, ct), async ct => (await VersionAsync(transaction, ct), await ReadAsync(transaction, ct)), cancellationToken);
        return value;
    }

    private static async Task<long> VersionAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, "SELECT \"Version\" FROM \"SiteDocuments\" WHERE \"Name\" = @name");
        Parameter(command, "@name", SiteDocumentNames.Webhooks);
        return await command.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull ? Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<WebhookSubscription[]> ReadAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, $"SELECT \"Id\", \"Events\", \"ContentTypes\" FROM \"{WebhookRowConfiguration.Table}\" WHERE \"Enabled\" = @enabled");
        Parameter(command, "@enabled", true);
        var list = new List<WebhookSubscription>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(WebhookSubscription.Of(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }
        return [.. list];
    }

    internal static DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    internal static void Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
