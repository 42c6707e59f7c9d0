using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Reads and writes the <c>alerts</c> table.</summary>
internal static class AlertTable
{
    public static Task<long> InsertAsync(DbSession session, AlertRecord alert, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        return session.ScalarInt64Async(
            "INSERT INTO alerts (kind, severity, subject, message, value, threshold, dedup_key, created_at, delivered_at) " +
            "VALUES (@kind, @severity, @subject, @message, @value, @threshold, @dedup_key, @created_at, @delivered_at) RETURNING id",
            cancellationToken,
            ("@kind", alert.Kind),
            ("@severity", alert.Severity),
            ("@subject", alert.Subject),
            ("@message", alert.Message),
            ("@value", alert.Value),
            ("@threshold", alert.Threshold),
            ("@dedup_key", alert.DedupKey),
            ("@created_at", dialect.Time(alert.CreatedAt)),
            ("@delivered_at", dialect.TimeOrNull(alert.DeliveredAt)));
    }

    public static Task<List<AlertRecord>> ListAsync(DbSession session, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        return session.QueryAsync(
            "SELECT id, kind, severity, subject, message, value, threshold, dedup_key, created_at, delivered_at FROM alerts " +
            "WHERE created_at >= @since ORDER BY created_at DESC, id DESC LIMIT @limit",
            reader => new AlertRecord
            {
                Id = reader.GetInt64(0),
                Kind = reader.GetString(1),
                Severity = reader.GetString(2),
                Subject = reader.GetString(3),
                Message = reader.GetString(4),
                Value = reader.GetDouble(5),
                Threshold = reader.GetDouble(6),
                DedupKey = reader.GetString(7),
                CreatedAt = dialect.ReadTime(reader, 8),
                DeliveredAt = dialect.ReadTimeOrNull(reader, 9),
            },
            cancellationToken,
            ("@since", dialect.Time(since)),
            ("@limit", limit));
    }

    public static Task<int> MarkDeliveredAsync(DbSession session, long id, DateTimeOffset at, CancellationToken cancellationToken) =>
        session.ExecuteAsync("UPDATE alerts SET delivered_at = @at WHERE id = @id", cancellationToken, ("@at", session.Dialect.Time(at)), ("@id", id));
}
