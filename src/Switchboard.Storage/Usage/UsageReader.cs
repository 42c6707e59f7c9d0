using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Reads usage records back: by time range (index-backed) and in total.</summary>
internal static class UsageReader
{
    private static readonly string RangeSql =
        $"SELECT {UsageColumns.List} FROM usage_records WHERE timestamp >= @from AND timestamp < @to";

    /// <summary>Reads records with <paramref name="from"/> ≤ timestamp &lt; <paramref name="to"/>, newest first, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<UsageRecord>> QueryAsync(
        DbSession session, DateTimeOffset from, DateTimeOffset to, string? userId, int limit, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var sql = userId is null
            ? RangeSql + " ORDER BY timestamp DESC, id DESC LIMIT @limit"
            : RangeSql + " AND user_id = @user_id ORDER BY timestamp DESC, id DESC LIMIT @limit";
        var fromValue = dialect.Time(from);
        var toValue = dialect.Time(to);
        await using var command = userId is null
            ? session.Command(sql, ("@from", fromValue), ("@to", toValue), ("@limit", limit))
            : session.Command(sql, ("@from", fromValue), ("@to", toValue), ("@limit", limit), ("@user_id", userId));
        var records = new List<UsageRecord>(Math.Min(limit, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(UsageColumns.Read(reader, dialect));
        }

        return records;
    }

    /// <summary>Counts every stored record.</summary>
    public static Task<long> CountAsync(DbSession session, CancellationToken cancellationToken) =>
        session.ScalarInt64Async("SELECT COUNT(*) FROM usage_records", cancellationToken);
}
