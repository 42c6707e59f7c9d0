using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Adds exact decimal arithmetic to SQLite connections: <c>decimal_sum</c> (aggregate) and <c>decimal_add</c> (scalar).</summary>
/// <remarks>
/// SQLite keeps money as decimal text and its own SUM would go through binary floating point; these functions parse
/// the text into <see cref="decimal"/>, so totals are exact. Registration is per connection and cheap, so it runs
/// before every usage query rather than being tied to the pool. <c>decimal_sum</c> runs once per row a report reads, so
/// it is registered through SQLite's own API and parses the UTF-8 bytes in place: through Microsoft.Data.Sqlite's
/// generic aggregate (a string and a boxed value per row) it was most of a month report's time.
/// </remarks>
internal static class SqliteUsageFunctions
{
    /// <summary>The SQL to sum money: <c>decimal_sum</c> on SQLite, <c>SUM</c> on PostgreSQL.</summary>
    public static string MoneySum(DbSession session, string column) =>
        IsSqlite(session) ? $"decimal_sum({column})" : $"SUM({column})";

    /// <summary>The SQL to add two money values.</summary>
    public static string MoneyAdd(DbSession session, string left, string right) =>
        IsSqlite(session) ? $"decimal_add({left}, {right})" : $"{left} + {right}";

    /// <summary>Returns true for a SQLite session.</summary>
    public static bool IsSqlite(DbSession session) => session.Connection is SqliteConnection;

    /// <summary>Registers the functions on the session's connection when it is SQLite.</summary>
    public static void Register(DbSession session)
    {
        if (session.Connection is not SqliteConnection connection)
        {
            return;
        }

        var result = raw.sqlite3_create_function(connection.Handle!, "decimal_sum", 1, raw.SQLITE_UTF8 | raw.SQLITE_DETERMINISTIC, null, SumStep, SumFinal);
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, connection.Handle);
        }

        result = raw.sqlite3_create_function(connection.Handle!, "decimal_add", 2, raw.SQLITE_UTF8 | raw.SQLITE_DETERMINISTIC, null, Add);
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, connection.Handle);
        }
    }

    /// <summary>Parses a decimal text value in place from its UTF-8 bytes; NULL is 0.</summary>
    private static decimal Value(sqlite3_value value) => raw.sqlite3_value_type(value) == raw.SQLITE_NULL
        ? 0m
        : decimal.Parse(raw.sqlite3_value_blob(value), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static readonly delegate_function_aggregate_step SumStep = static (context, _, args) =>
    {
        if (raw.sqlite3_value_type(args[0]) == raw.SQLITE_NULL)
        {
            return;
        }

        var total = context.state as Total ?? new Total();
        context.state = total;
        total.Value += Value(args[0]);
    };

    private static readonly delegate_function_scalar Add = static (context, _, args) =>
        raw.sqlite3_result_text(context, (Value(args[0]) + Value(args[1])).ToString(CultureInfo.InvariantCulture));

    private static readonly delegate_function_aggregate_final SumFinal = static (context, _) =>
        raw.sqlite3_result_text(context, ((context.state as Total)?.Value ?? 0m).ToString(CultureInfo.InvariantCulture));

    /// <summary>One <c>decimal_sum</c>'s running total.</summary>
    private sealed class Total
    {
        public decimal Value { get; set; }
    }
}
