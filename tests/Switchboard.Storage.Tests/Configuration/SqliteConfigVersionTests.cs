using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Configuration;

public sealed class SqliteConfigVersionTests(SqliteDatabaseFixture fixture) : ConfigVersionTests(fixture), IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public async Task Feed_WithNothingCommitted_ReportsNoChangeWithoutReadingTheVersion()
    {
        await Store.MigrateAsync(Ct);
        await using var feed = await Store.Configuration.OpenConfigVersionFeedAsync(Ct);

        Assert.Null(await feed.WaitAsync(TimeSpan.FromMilliseconds(50), Ct));
        Assert.False(feed.AnnouncesChanges);
    }

    [Fact]
    public async Task Feed_AfterAnOperationalCommitElsewhere_ReportsTheUnchangedVersion()
    {
        await Store.MigrateAsync(Ct);
        await using var feed = await Store.Configuration.OpenConfigVersionFeedAsync(Ct);
        var before = await feed.ReadVersionAsync(Ct);

        await using (var other = SwitchboardStorage.Create(ConnectionString))
        {
            await other.Usage.InsertAsync(TestData.UsageBatch("u", 3, TestData.T0), Ct);
        }

        // The file changed, so the row is read; the version did not, so a watcher does not reload.
        Assert.Equal(before, await feed.WaitAsync(TimeSpan.FromMilliseconds(50), Ct));
    }
}
