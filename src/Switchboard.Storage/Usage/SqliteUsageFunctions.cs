using System.Globalization;
using Microsoft.Data.Sqlite;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Adds exact decimal arithmetic to SQLite connections: <c>decimal_sum</c> (aggregate) and <c>decimal_add</c> (scalar).</summary>
/// <remarks>
/// SQLite keeps money as decimal text and its own SUM would go through binary floating point; these functions parse
/// the text into <see cref="decimal"/>, so totals are exact. Registration is per connection and cheap, so it runs
/// before every usage query rather than being tied to the pool.
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

        connection.CreateAggregate<string?, decimal, string>(
            "decimal_sum",
            0m,
            static (total, value) => value is null ? total : total + Parse(value),
            static total => total.ToString(CultureInfo.InvariantCulture),
            isDeterministic: true);
        connection.CreateFunction<string?, string?, string>(
            "decimal_add",
            static (left, right) => ((left is null ? 0m : Parse(left)) + (right is null ? 0m : Parse(right))).ToString(CultureInfo.InvariantCulture),
            isDeterministic: true);
    }

    private static decimal Parse(string value) =>
        decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
