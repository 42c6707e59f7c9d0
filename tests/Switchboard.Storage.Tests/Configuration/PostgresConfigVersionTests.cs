using System.Diagnostics;
using Npgsql;
using Switchboard.Abstractions.Configuration;
using Switchboard.Storage.Configuration;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Configuration;

public sealed class PostgresConfigVersionTests(PostgresDatabaseFixture fixture) : ConfigVersionTests(fixture), IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Feed_IsToldOfAManyStatementTransaction_OnceAndAtOnce()
    {
        await Store.MigrateAsync(Ct);
        await using var feed = await Store.Configuration.OpenConfigVersionFeedAsync(Ct);
        var before = await feed.ReadVersionAsync(Ct);
        var clock = Stopwatch.StartNew();

        // One transaction of many statements over four configuration tables.
        await Store.Configuration.SeedAsync([TestData.Platform("deepseek", ["chat", "reasoner", "coder"], "k1", "k2")], [TestData.Catalog("ds-chat", "deepseek", "chat")], SeedMode.AddMissing, Ct);
        var announced = await feed.WaitAsync(TimeSpan.FromMinutes(1), Ct);

        // Well before the minute's periodic read: the version came from the announcement.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"no announcement arrived ({clock.Elapsed})");
        Assert.Equal(before + 1, announced);
        Assert.Equal(before + 1, await VersionAsync());
    }

    [Fact]
    public async Task Feed_WhenABumpIsNotAnnounced_ReadsItWhenTheWaitTimesOut()
    {
        await Store.MigrateAsync(Ct);
        await using var feed = await Store.Configuration.OpenConfigVersionFeedAsync(Ct);
        var before = await feed.ReadVersionAsync(Ct);

        // config_version itself has no trigger: this bump sends no NOTIFY, as a lost notification would look.
        await ExecuteSqlAsync("UPDATE config_version SET version = version + 1");

        Assert.Equal(before + 1, await feed.WaitAsync(TimeSpan.FromMilliseconds(300), Ct));
    }

    [Fact]
    public async Task Feed_WhoseConnectionTheServerKilled_FailsInsteadOfWaitingForever_AndANewOneWorks()
    {
        await Store.MigrateAsync(Ct);
        await using (var feed = await Store.Configuration.OpenConfigVersionFeedAsync(Ct))
        {
            Assert.Equal(1, await TerminateFeedsAsync());

            var failure = await Record.ExceptionAsync(() => feed.WaitAsync(TimeSpan.FromSeconds(2), Ct));
            Assert.NotNull(failure);
            Assert.IsNotType<OperationCanceledException>(failure);
        }

        await using var reopened = await Store.Configuration.OpenConfigVersionFeedAsync(Ct);
        var before = await reopened.ReadVersionAsync(Ct);
        await Store.Configuration.SetSettingAsync("mode", "multi-fixed", "admin", Ct);
        Assert.Equal(before + 1, await WaitForChangeAsync(reopened, before));
    }

    private async Task<long> TerminateFeedsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name) killed",
            connection);
        command.Parameters.AddWithValue("name", PostgresConfigVersionFeed.ApplicationName);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
