using System.Data.Common;
using System.Text.Json;
using Switchboard.Abstractions.RoutingLog;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.RoutingLog;

/// <summary>Reads and writes the <c>routing_log</c> table.</summary>
internal static class RoutingLogTable
{
    private const string Columns = "request_id, created_at, endpoint, model, strategy, candidates_json, source_count, sticky, panic, reason, " +
        "attempts_json, status, http_status, error_type, latency_ms";

    private const string InsertSql = "INSERT INTO routing_log (" + Columns + ") VALUES (@request_id, @created_at, @endpoint, @model, @strategy, " +
        "@candidates_json, @source_count, @sticky, @panic, @reason, @attempts_json, @status, @http_status, @error_type, @latency_ms) " +
        "ON CONFLICT (request_id) DO NOTHING";

    /// <summary>Inserts the records one statement each, skipping request ids that exist; returns how many rows were added.</summary>
    public static async Task<int> InsertAsync(DbSession session, IReadOnlyList<RoutingLogRecord> records, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var inserted = 0;
        foreach (var record in records)
        {
            inserted += await session.ExecuteAsync(
                InsertSql,
                cancellationToken,
                ("@request_id", record.RequestId),
                ("@created_at", dialect.Time(record.Timestamp)),
                ("@endpoint", record.Endpoint),
                ("@model", record.Model),
                ("@strategy", record.Strategy),
                ("@candidates_json", StorageJson.Write(record.Candidates)),
                ("@source_count", record.SourceCount),
                ("@sticky", record.Sticky),
                ("@panic", record.Panic),
                ("@reason", record.Reason),
                ("@attempts_json", JsonSerializer.Serialize(record.Attempts, RoutingLogJsonContext.Default.IReadOnlyListRoutingLogAttempt)),
                ("@status", record.Status),
                ("@http_status", record.HttpStatus),
                ("@error_type", record.ErrorType),
                ("@latency_ms", record.LatencyMs)).ConfigureAwait(false);
        }

        return inserted;
    }

    /// <summary>Reads the entries matching the query, newest first; the limit is clamped to 1..<see cref="RoutingLogQuery.MaxLimit"/>.</summary>
    public static Task<List<RoutingLogRecord>> QueryAsync(DbSession session, RoutingLogQuery query, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var (sql, parameters) = new SqlFilter("SELECT " + Columns + " FROM routing_log")
            .And("model = @model", "@model", query.Model)
            .And("status = @status", "@status", query.Status)
            .And("request_id = @request_id", "@request_id", query.RequestId)
            .And("created_at >= @since", "@since", query.Since is { } since ? dialect.Time(since) : null)
            .And("created_at < @until", "@until", query.Until is { } until ? dialect.Time(until) : null)
            .Build("created_at DESC, request_id DESC", Math.Clamp(query.Limit, 1, RoutingLogQuery.MaxLimit));
        return session.QueryAsync(sql, r => Read(dialect, r), cancellationToken, parameters);
    }

    /// <summary>Deletes entries that started before the cutoff.</summary>
    public static Task<int> PurgeAsync(DbSession session, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        session.ExecuteAsync("DELETE FROM routing_log WHERE created_at < @cutoff", cancellationToken, ("@cutoff", session.Dialect.Time(olderThan)));

    private static RoutingLogRecord Read(Dialect dialect, DbDataReader reader) => new()
    {
        RequestId = reader.GetString(0),
        Timestamp = dialect.ReadTime(reader, 1),
        Endpoint = reader.GetString(2),
        Model = reader.GetString(3),
        Strategy = reader.GetString(4),
        Candidates = StorageJson.ReadList(reader.GetString(5)),
        SourceCount = reader.GetInt32(6),
        Sticky = reader.GetBoolean(7),
        Panic = reader.GetBoolean(8),
        Reason = reader.GetString(9),
        Attempts = JsonSerializer.Deserialize(reader.GetString(10), RoutingLogJsonContext.Default.ListRoutingLogAttempt) ?? [],
        Status = reader.GetString(11),
        HttpStatus = reader.GetInt32(12),
        ErrorType = reader.GetStringOrNull(13),
        LatencyMs = reader.GetDouble(14),
    };
}
