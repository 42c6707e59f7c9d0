using Microsoft.Data.Sqlite;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Inserts usage batches into SQLite with one prepared statement reused for every row of the transaction.</summary>
/// <remarks>
/// One row per execution on purpose: Microsoft.Data.Sqlite looks each parameter up by name on every execution,
/// so multi-row statements with hundreds of parameters are slower, not faster. Commands run synchronously;
/// the async methods of Microsoft.Data.Sqlite would only add a Task per row.
/// </remarks>
internal static class SqliteUsageWriter
{
    private static readonly string InsertSql =
        $"INSERT INTO usage_records ({UsageColumns.List}) VALUES ({string.Join(", ", UsageColumns.Names.Select(n => "@" + n))}) " +
        "ON CONFLICT (request_id) DO NOTHING";

    /// <summary>Inserts the records; request ids that exist already are skipped. Returns how many rows were added.</summary>
    public static Task<int> InsertAsync(DbSession session, IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        using var command = (SqliteCommand)session.Command(InsertSql);
        var parameters = new SqliteParameter[UsageColumns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter { ParameterName = "@" + UsageColumns.Names[i] });
        }

        command.Prepare();
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
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            inserted += command.ExecuteNonQuery();
        }

        return Task.FromResult(inserted);
    }
}
