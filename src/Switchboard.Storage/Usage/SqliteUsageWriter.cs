using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Inserts usage batches into SQLite with one prepared statement, bound by position, reused for every row.</summary>
/// <remarks>
/// The statement runs on the session's connection, inside its write transaction, through SQLite's own API
/// (SQLitePCL.raw, which Microsoft.Data.Sqlite is built on). Microsoft.Data.Sqlite would look every parameter up by
/// name, box every value and create a data reader on each execution; on this path (one row per usage record, in the
/// background of every request) that was most of the writer's CPU. Binding by position allocates nothing per row.
/// The same transaction then adds the rows it inserted to the rollups (<see cref="UsageRollup.All"/>): the writer holds SQLite's only
/// write lock and new rows get ids above the largest one before the batch, so <c>id &gt; last</c> selects exactly this
/// batch's new rows (a replayed request id inserts nothing and adds nothing).
/// </remarks>
internal static class SqliteUsageWriter
{
    private static readonly string InsertSql =
        $"INSERT INTO usage_records ({UsageColumns.List}) VALUES ({string.Join(", ", Enumerable.Range(1, UsageColumns.Count).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)))}) " +
        "ON CONFLICT (request_id) DO NOTHING";

    private static string? _foldSql;

    /// <summary>Inserts the records; request ids that exist already are skipped. Returns how many rows were added.</summary>
    public static async Task<int> InsertAsync(DbSession session, IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        var last = await session.ScalarInt64Async("SELECT COALESCE(MAX(id), 0) FROM usage_records", cancellationToken).ConfigureAwait(false);
        var inserted = InsertRows(session, records, cancellationToken);
        if (inserted > 0)
        {
            SqliteUsageFunctions.Register(session);
            await session.ExecuteAsync(_foldSql ??= FoldSql(session), cancellationToken, ("@last", last)).ConfigureAwait(false);
        }

        return inserted;
    }

    /// <summary>Gets the statements that add the rows above <c>@last</c> to every rollup.</summary>
    /// <remarks>
    /// The batch's groups (<see cref="UsageRollup.BatchGroupsSql"/>) go into a table of the connection's own temporary
    /// schema, shaped like <c>usage_hourly</c>, and each rollup's upsert reads them from there: SQLite has no single
    /// statement that writes several tables.
    /// </remarks>
    private static string FoldSql(DbSession session) =>
        "CREATE TEMP TABLE IF NOT EXISTS usage_batch AS SELECT * FROM usage_hourly WHERE false;\n" +
        "DELETE FROM temp.usage_batch;\n" +
        $"INSERT INTO temp.usage_batch ({UsageRollup.Hourly.Period}, {string.Join(", ", UsageRollup.Hourly.Dimensions)}, {UsageRollup.SumColumns})\n" +
        UsageRollup.BatchGroupsSql(session, "usage_records", "id > @last") + ";\n" +
        string.Join(";\n", UsageRollup.All.Select(rollup => UsageRollup.UpsertSql(session, rollup, "temp.usage_batch")));

    private static int InsertRows(DbSession session, IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        var db = ((SqliteConnection)session.Connection).Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, InsertSql, out var statement));
        using (statement)
        {
            var values = new object?[UsageColumns.Count];
            var inserted = 0;
            for (var row = 0; row < records.Count; row++)
            {
                if ((row & 255) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                UsageColumns.Fill(records[row], session.Dialect, values);
                for (var i = 0; i < values.Length; i++)
                {
                    Check(db, Bind(statement, i + 1, values[i]));
                }

                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                {
                    Check(db, step);
                }

                inserted += raw.sqlite3_changes(db);
                raw.sqlite3_reset(statement);
            }

            return inserted;
        }
    }

    /// <summary>Binds one value by its 1-based position; the values are those <see cref="UsageColumns.Fill"/> produces for SQLite.</summary>
    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double real => raw.sqlite3_bind_double(statement, index, real),
        _ => throw new InvalidOperationException($"Usage column {UsageColumns.Names[index - 1]} has an unexpected type {value.GetType().Name}."),
    };

    private static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, db);
        }
    }
}
