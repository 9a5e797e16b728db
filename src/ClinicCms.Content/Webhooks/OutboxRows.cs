using System.Data.Common;
using System.Text;

namespace ClinicCms.Content.Webhooks;

/// <summary>New outbox rows, and their INSERT: one statement for up to a few hundred rows, with parameters, the same SQL on SQLite and PostgreSQL.</summary>
internal static class OutboxRows
{
    private const int Chunk = 500;

    private static readonly string[] Columns = ["Id", "WebhookId", "EventType", "Payload", "CreatedUtc", "NextAttemptUtc", "Attempts", "State"];

    public static WebhookDeliveryRow New(long webhookId, string eventType, string payload, DateTimeOffset now) => new()
    {
        Id = DeliveryIds.New(now),
        WebhookId = webhookId,
        EventType = eventType,
        Payload = payload,
        CreatedUtc = now.UtcDateTime,
        NextAttemptUtc = now.UtcDateTime,
        State = WebhookDeliveryState.Pending,
    };

    public static async Task InsertAsync(DbTransaction transaction, List<WebhookDeliveryRow> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(Chunk))
        {
            await using var command = WebhookSubscriptions.Command(transaction, "");
            var sql = new StringBuilder($"INSERT INTO \"{WebhookRowConfiguration.DeliveriesTable}\" (")
                .AppendJoin(", ", Columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var row = chunk[i];
                object?[] values = [row.Id, row.WebhookId, row.EventType, row.Payload, row.CreatedUtc, row.NextAttemptUtc, row.Attempts, row.State];
                sql.Append(i == 0 ? "(" : ", (");
                for (var c = 0; c < values.Length; c++)
                {
                    var name = $"@d{i}_{c}";
                    WebhookSubscriptions.Parameter(command, name, values[c]);
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
