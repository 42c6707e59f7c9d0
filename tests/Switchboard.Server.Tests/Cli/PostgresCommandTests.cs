using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Storage;

namespace Switchboard.Server.Tests.Cli;

/// <summary>Runs the local commands from the built binary on a PostgreSQL database named by <c>ConnectionStrings__Switchboard</c>, as a gateway would use it.</summary>
public sealed class PostgresCommandTests
{
    [Fact]
    public async Task MigrateCheckAndKeys_WorkOnPostgres()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Switchboard"] = database.ConnectionString,
            ["SWITCHBOARD_MASTER_KEY"] = GatewayHost.MasterKey,
        };

        var migrated = await CliProcess.RunAsync(["migrate"], environment);
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.Contains($"Migrated the schema from version 0 to {SwitchboardStorage.LatestSchemaVersion}", migrated.Output, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL 127.0.0.1", migrated.Output, StringComparison.Ordinal);

        var check = await CliProcess.RunAsync(["check"], environment);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains($"reachable, schema version {SwitchboardStorage.LatestSchemaVersion}", check.Output, StringComparison.Ordinal);

        var created = await CliProcess.RunAsync(["keys", "create", "--name", "pg", "--json"], environment);
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = JsonDocument.Parse(created.Output).RootElement.GetProperty("id").GetInt64();

        var list = await CliProcess.RunAsync(["keys", "list", "--json"], environment);
        Assert.True(list.ExitCode == 0, list.ToString());
        var listed = JsonDocument.Parse(list.Output).RootElement.GetProperty("data").EnumerateArray().Single();
        Assert.Equal(id, listed.GetProperty("id").GetInt64());
        Assert.Equal("pg", listed.GetProperty("name").GetString());

        // Nothing was written beside the command: a PostgreSQL install keeps no file in the working directory.
        Assert.Empty(Directory.EnumerateFileSystemEntries(list.WorkingDirectory));
    }
}
