using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Storage;

namespace Switchboard.Server.Tests.Cli;

/// <summary>Runs <c>migrate</c> from the built binary on a new data directory, twice.</summary>
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_CreatesTheSchema_ThenFindsItCurrent()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-cli-migrate", Guid.NewGuid().ToString("N"));
        var env = new Dictionary<string, string?> { ["SWITCHBOARD_DATA_DIR"] = directory };
        try
        {
            var first = await CliProcess.RunAsync(["migrate"], env);
            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.Contains($"Migrated the schema from version 0 to {SwitchboardStorage.LatestSchemaVersion}", first.Output, StringComparison.Ordinal);
            await using (var database = SwitchboardStorage.Create($"Data Source={Path.Combine(directory, "switchboard.db")}"))
            {
                Assert.Equal(SwitchboardStorage.LatestSchemaVersion, await database.GetSchemaVersionAsync(CancellationToken.None));
            }

            var second = await CliProcess.RunAsync(["migrate"], env);
            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.Contains($"The schema is up to date at version {SwitchboardStorage.LatestSchemaVersion}", second.Output, StringComparison.Ordinal);

            // A migrated database is no seeded install: no admin key or master key appears until the gateway starts.
            Assert.False(File.Exists(Path.Combine(directory, "switchboard.master.key")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
