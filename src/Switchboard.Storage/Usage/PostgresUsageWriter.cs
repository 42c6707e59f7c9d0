using System.Text;
using Npgsql;
using NpgsqlTypes;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Inserts usage batches into PostgreSQL: one multi-row INSERT for small batches, binary COPY through a temp table for large ones.</summary>
/// <remarks>
/// Either way the final INSERT is one statement that also adds the rows it inserted (its RETURNING rows, so a replayed
/// request id adds nothing) to every rollup (<see cref="UsageRollup.All"/>), in the batch's transaction.
/// </remarks>
internal static class PostgresUsageWriter
{
    /// <summary>Batches larger than this go through COPY.</summary>
    internal const int CopyThreshold = 50;

    private static readonly NpgsqlDbType[] Types =
    [
        NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint,
        NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Numeric,
        NpgsqlDbType.Numeric, NpgsqlDbType.Double, NpgsqlDbType.Double, NpgsqlDbType.Integer, NpgsqlDbType.Boolean,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Text,
    ];

    private static readonly string CreateStagingSql =
        $"CREATE TEMP TABLE usage_import ON COMMIT DROP AS SELECT {UsageColumns.List} FROM usage_records WITH NO DATA";

    private static readonly string CopySql = $"COPY usage_import ({UsageColumns.List}) FROM STDIN (FORMAT BINARY)";

    private static readonly string MergeSql =
        $"INSERT INTO usage_records ({UsageColumns.List}) SELECT {UsageColumns.List} FROM usage_import ON CONFLICT (request_id) DO NOTHING";

    private static string? _rollupsSql;

    /// <summary>Inserts the records; request ids that exist already are skipped. Returns how many rows were added.</summary>
    public static Task<int> InsertAsync(DbSession session, IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken) =>
        records.Count > CopyThreshold
            ? CopyAsync(session, records, cancellationToken)
            : InsertValuesAsync(session, records, cancellationToken);

    private static async Task<int> InsertValuesAsync(DbSession session, IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        await using var command = (NpgsqlCommand)session.Command(string.Empty);
        var sql = new StringBuilder("INSERT INTO usage_records (").Append(UsageColumns.List).Append(") VALUES ");
        var values = new object?[UsageColumns.Count];
        var position = 1;
        for (var row = 0; row < records.Count; row++)
        {
            UsageColumns.Fill(records[row], session.Dialect, values);
            sql.Append(row == 0 ? "(" : ", (");
            for (var i = 0; i < values.Length; i++)
            {
                sql.Append(i == 0 ? "$" : ", $").Append(position++);
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = Types[i], Value = values[i] ?? DBNull.Value });
            }

            sql.Append(')');
        }

        sql.Append(" ON CONFLICT (request_id) DO NOTHING");
#pragma warning disable CA2100 // Built only from constant column names and positional placeholders.
        command.CommandText = WithRollups(session, sql.ToString());
#pragma warning restore CA2100
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> CopyAsync(DbSession session, IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)session.Connection;
        await session.ExecuteAsync(CreateStagingSql, cancellationToken).ConfigureAwait(false);
        await using (var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false))
        {
            var values = new object?[UsageColumns.Count];
            foreach (var record in records)
            {
                UsageColumns.Fill(record, session.Dialect, values);
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i] is { } value)
                    {
                        await importer.WriteAsync(value, Types[i], cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return (int)await session.ScalarInt64Async(WithRollups(session, MergeSql), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Wraps an INSERT into <c>usage_records</c> so the same statement adds its new rows to every rollup (through the batch's groups) and returns how many it inserted.</summary>
    private static string WithRollups(DbSession session, string insert)
    {
        var rollups = _rollupsSql ??= $"batch AS ({UsageRollup.BatchGroupsSql(session, "inserted", "true")}),\n"
            + string.Concat(UsageRollup.All.Select(r => $"{r.Table} AS ({UsageRollup.UpsertSql(session, r, "batch")}),\n"))[..^2]
            + "\nSELECT COUNT(*) FROM inserted";
        return $"WITH inserted AS ({insert} RETURNING {UsageRollup.SourceColumns}),\n{rollups}";
    }
}
