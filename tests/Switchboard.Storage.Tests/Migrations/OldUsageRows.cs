using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;
using Switchboard.Storage.Usage;

namespace Switchboard.Storage.Tests.Migrations;

/// <summary>Writes usage records as an older schema stored them: only the first columns, those it had (later migrations append theirs at the end).</summary>
internal static class OldUsageRows
{
    /// <summary>Inserts the records naming only the first <paramref name="columnCount"/> usage columns.</summary>
    public static async Task InsertAsync(DbSession session, IReadOnlyList<UsageRecord> usage, int columnCount, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", UsageColumns.Names.Take(columnCount));
        var placeholders = string.Join(", ", Enumerable.Range(0, columnCount).Select(i => "@c" + i));
        var values = new object?[UsageColumns.Count];
        foreach (var record in usage)
        {
            UsageColumns.Fill(record, session.Dialect, values);
            await session.ExecuteAsync(
                $"INSERT INTO usage_records ({names}) VALUES ({placeholders})",
                cancellationToken,
                [.. values.Take(columnCount).Select((value, i) => ("@c" + i, value))]);
        }
    }
}
