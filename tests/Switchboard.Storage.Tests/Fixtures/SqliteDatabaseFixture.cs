using Microsoft.Data.Sqlite;

namespace Switchboard.Storage.Tests.Fixtures;

/// <summary>Gives each test class a temporary folder and each test a fresh SQLite file in a not-yet-existing subfolder.</summary>
public sealed class SqliteDatabaseFixture : DatabaseFixture, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "switchboard-storage-tests-" + Guid.NewGuid().ToString("N")[..12]);
    private int _next;

    public override string ProviderName => "sqlite";

    public override Task<string> CreateDatabaseAsync()
    {
        var n = Interlocked.Increment(ref _next);
        return Task.FromResult($"Data Source={Path.Combine(_root, $"db{n}", "switchboard.db")}");
    }

    public override Task DropDatabaseAsync(string connectionString)
    {
        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(path)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
