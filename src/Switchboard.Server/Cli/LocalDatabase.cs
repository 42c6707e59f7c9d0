using System.Data.Common;

namespace Switchboard.Server.Cli;

/// <summary>Says where the gateway's database is and whether it exists yet, without opening it (opening a SQLite file creates it).</summary>
/// <param name="Description">The database, fit to print: a SQLite file path or PostgreSQL's host, port and database, never a password.</param>
/// <param name="Exists">False only for a SQLite file that is not there yet; a PostgreSQL database is known only by connecting.</param>
internal sealed record LocalDatabase(string Description, bool Exists)
{
    /// <summary>Describes the database of <paramref name="connectionString"/>.</summary>
    public static LocalDatabase Of(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // The store's own factory names the mistake when the command opens it.
            return new LocalDatabase("a database whose connection string is malformed", true);
        }

        if (builder.TryGetValue("Host", out var host))
        {
            var port = builder.TryGetValue("Port", out var p) ? p : 5432;
            var database = builder.TryGetValue("Database", out var d) ? d : "(default database)";
            return new LocalDatabase($"PostgreSQL {host}:{port}/{database}", true);
        }

        var file = Text(builder, "Data Source") ?? Text(builder, "DataSource") ?? Text(builder, "Filename");
        if (string.IsNullOrEmpty(file) || file == ":memory:" || Text(builder, "Mode")?.Equals("Memory", StringComparison.OrdinalIgnoreCase) == true)
        {
            return new LocalDatabase("an in-memory SQLite database", true);
        }

        if (file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return new LocalDatabase($"SQLite {file}", true);
        }

        var path = Path.GetFullPath(file);
        return new LocalDatabase($"SQLite {path}", File.Exists(path));
    }

    private static string? Text(DbConnectionStringBuilder builder, string key) =>
        builder.TryGetValue(key, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
