namespace Switchboard.Hosting;

/// <summary>Holds the settings an embedding host gives the engine.</summary>
public sealed class SwitchboardOptions
{
    /// <summary>Gets or sets the database connection string: SQLite <c>Data Source=…</c> or PostgreSQL <c>Host=…</c>. Null uses SQLite in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the directory for the embedded database and the generated master key file.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Gets or sets the platforms YAML file, if any.</summary>
    public string? ConfigPath { get; set; }

    /// <summary>Gets or sets the bootstrap admin API key; when null one is generated on first start and printed once.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Gets or sets a value indicating whether a fresh database gets the built-in demo platform.</summary>
    public bool SeedDemoPlatform { get; set; } = true;

    /// <summary>Gets or sets how environment variables are read (tests replace it).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Gets or sets a callback that receives a generated admin key once, to show it to the operator.</summary>
    public Action<string>? OnAdminKeyGenerated { get; set; }

    /// <summary>Gets the effective connection string.</summary>
    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) ? $"Data Source={Path.Combine(DataDirectory, "switchboard.db")}" : ConnectionString;

    /// <summary>Gets the directory where the master key file lives: beside the SQLite file, else the data directory.</summary>
    public string KeyDirectory
    {
        get
        {
            const string marker = "Data Source=";
            var connection = EffectiveConnectionString;
            var start = connection.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (start < 0)
            {
                return DataDirectory;
            }

            var rest = connection[(start + marker.Length)..];
            var end = rest.IndexOf(';', StringComparison.Ordinal);
            var file = end < 0 ? rest : rest[..end];
            var directory = Path.GetDirectoryName(Path.GetFullPath(file.Trim()));
            return string.IsNullOrEmpty(directory) ? DataDirectory : directory;
        }
    }
}
