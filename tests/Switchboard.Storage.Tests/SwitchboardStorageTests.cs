using Switchboard.Abstractions.Configuration;

namespace Switchboard.Storage.Tests;

/// <summary>Checks the factory's choice of database, which needs no server.</summary>
public sealed class SwitchboardStorageTests
{
    [Theory]
    [InlineData("Server=tcp:db;Initial Catalog=x")]
    [InlineData("Mode=ReadOnly")]
    [InlineData("just some text")]
    [InlineData("Password=secret=;;x")]
    public void Create_WithUnknownConnectionString_ThrowsArgumentExceptionWithoutEchoingIt(string connectionString)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => SwitchboardStorage.Create(connectionString));
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithInMemorySqlite_KeepsDataAcrossCalls()
    {
        await using var store = SwitchboardStorage.Create("Data Source=:memory:");
        await store.MigrateAsync(CancellationToken.None);
        await store.SetSettingAsync("mode", "single", "test", CancellationToken.None);

        Assert.Equal("sqlite", store.ProviderName);
        Assert.Equal("single", await store.GetSettingAsync("mode", CancellationToken.None));
    }

    [Fact]
    public async Task Create_WithSqliteFileInMissingFolder_CreatesFolderAndUsesWal()
    {
        var root = Path.Combine(Path.GetTempPath(), "switchboard-factory-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(root, "nested", "data", "switchboard.db");
            await using (var store = SwitchboardStorage.Create($"Filename={path}"))
            {
                await store.MigrateAsync(CancellationToken.None);
                await store.SeedAsync([TestData.Platform("p", ["m"], "k")], [], SeedMode.AddMissing, CancellationToken.None);
                await using var session = await store.Dialect.BeginAsync(readOnly: true, CancellationToken.None);
                await using var command = session.Command("PRAGMA journal_mode");
                Assert.Equal("wal", await command.ExecuteScalarAsync());
            }

            Assert.True(File.Exists(path));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
