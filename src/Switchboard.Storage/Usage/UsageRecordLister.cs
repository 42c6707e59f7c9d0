using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Lists raw usage records newest first, filtered, a page at a time, and finds one by request id.</summary>
/// <remarks>
/// The order is (timestamp, row id) descending, which both databases read straight from the timestamp indexes (SQLite's
/// index entries end with the row id), so a page costs its own rows, not a sort of the whole range. The cursor is the
/// last record's pair, so pages neither skip nor repeat records that share a timestamp.
/// </remarks>
internal static class UsageRecordLister
{
    private static readonly string Select = $"SELECT {UsageColumns.List}, id FROM usage_records";

    /// <summary>Reads one page; one row more than the limit is read to know whether another page follows.</summary>
    public static async Task<UsageRecordPage> ListAsync(DbSession session, UsageRecordQuery query, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var limit = Math.Clamp(query.Limit, 1, UsageRecordQuery.MaxLimit);
        var before = query.Before;
        var (sql, parameters) = new SqlFilter(Select)
            .And("timestamp >= @since", "@since", query.Since is { } since ? dialect.Time(since) : null)
            .And("timestamp < @until", "@until", query.Until is { } until ? dialect.Time(until) : null)
            .And("user_id = @user_id", "@user_id", query.UserId)
            .And("COALESCE(catalog_model, requested_model) = @model", "@model", query.Model)
            .And("status = @status", "@status", query.Status)
            .And("key_id = @key_id", "@key_id", query.KeyId)
            .And("virtual_key_id = @virtual_key_id", "@virtual_key_id", query.VirtualKeyId)
            .And("platform = @platform", "@platform", query.Platform)
            .And("protocol = @protocol", "@protocol", query.Protocol)
            // Spelled out rather than as a row comparison so that both planners bound the index scan by the timestamp.
            .And(
                before is not null,
                "timestamp <= @before_time AND (timestamp < @before_time OR id < @before_id)",
                ("@before_time", before is { } cursor ? dialect.Time(cursor.Timestamp) : null),
                ("@before_id", before?.RowId))
            .Build("timestamp DESC, id DESC", limit + 1);
        var rows = await session.QueryAsync(
            sql,
            r => (Record: UsageColumns.Read(r, dialect), RowId: r.GetInt64(UsageColumns.Count)),
            cancellationToken,
            parameters).ConfigureAwait(false);
        var more = rows.Count > limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var next = more ? new UsageRecordCursor(rows[^1].Record.Timestamp, rows[^1].RowId) : (UsageRecordCursor?)null;
        return new UsageRecordPage([.. rows.Select(r => r.Record)], next);
    }

    /// <summary>Reads the record of one request, or null.</summary>
    public static async Task<UsageRecord?> GetAsync(DbSession session, string requestId, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var found = await session.QueryAsync(
            Select + " WHERE request_id = @request_id", r => UsageColumns.Read(r, dialect), cancellationToken, ("@request_id", requestId)).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }
}
