using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Builds the SQL that puts a record's time into its timeline bucket, the same way for every usage query on both databases.</summary>
/// <remarks>
/// Buckets are aligned to an origin at local midnight of 2000-01-01 (local: <c>utcOffset</c>), so a day bucket starts at
/// local midnight and an hour bucket on the hour. SQLite keeps times as Unix milliseconds and gets integer arithmetic;
/// PostgreSQL gets <c>date_bin</c>.
/// </remarks>
internal static class UsageBuckets
{
    /// <summary>Gets the bucket expression over <paramref name="column"/> and the parameters it uses (<c>@origin</c>, <c>@width</c>).</summary>
    public static (string Sql, (string Name, object Value)[] Parameters) Expression(DbSession session, string column, TimeSpan width, TimeSpan utcOffset)
    {
        var origin = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) - utcOffset;
        return SqliteUsageFunctions.IsSqlite(session)
            ? ($"(({column} - @origin) / @width) * @width + @origin", [("@origin", origin.ToUnixTimeMilliseconds()), ("@width", (long)width.TotalMilliseconds)])
            : ($"date_bin(@width, {column}, @origin)", [("@origin", origin.ToUniversalTime()), ("@width", width)]);
    }

    /// <summary>Gets the start of the bucket that holds <paramref name="time"/>, as the SQL of <see cref="Expression"/> computes it.</summary>
    public static DateTimeOffset Floor(DateTimeOffset time, TimeSpan width, TimeSpan utcOffset)
    {
        var origin = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) - utcOffset;
        var ticks = (time - origin).Ticks;
        var index = ticks >= 0 ? ticks / width.Ticks : ((ticks + 1) / width.Ticks) - 1;
        return (origin + TimeSpan.FromTicks(index * width.Ticks)).ToOffset(utcOffset);
    }
}
