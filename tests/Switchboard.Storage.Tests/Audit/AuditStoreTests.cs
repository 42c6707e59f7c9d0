using Switchboard.Abstractions.Audit;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Audit;

public abstract class AuditStoreTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task Insert_ThenQuery_RoundTripsEveryField_InOrder()
    {
        await Store.MigrateAsync(Ct);
        var entry = Entry(TestData.T0, "user:平台-alice", "platform.update", "platform", "7") with
        {
            VirtualKeyId = 42,
            RequestId = "req_1",
            Before = """{"base_url":"https://a.example","keys":[{"masked":"sk-a…1234"}]}""",
            After = """{"base_url":"https://b.example"}""",
        };

        await Store.Audit.InsertAuditAsync([entry, Entry(TestData.T0, "admin", "config.reload", "config", "database")], Ct);
        var read = await Store.Audit.QueryAuditAsync(new AuditQuery(), Ct);

        Assert.Equal(2, read.Count);
        Assert.Equal("config.reload", read[0].Action);
        Assert.True(read[0].Id > read[1].Id);
        Assert.Equal(entry with { Id = read[1].Id }, read[1]);
        Assert.Null(read[0].Before);
        Assert.Null(read[0].VirtualKeyId);
    }

    [Fact]
    public async Task Query_FiltersAndPagesNewestFirst()
    {
        await Store.MigrateAsync(Ct);
        var entries = Enumerable.Range(0, 25).Select(i => Entry(
            TestData.T0.AddMinutes(i),
            i % 2 == 0 ? "admin" : "user:bob",
            i % 3 == 0 ? "virtual_key.create" : "platform.update",
            i % 3 == 0 ? "virtual_key" : "platform",
            (i % 5).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        await Store.Audit.InsertAuditAsync(entries, Ct);

        var pages = new List<AuditEntry>();
        long? before = null;
        for (var page = 0; page < 10; page++)
        {
            var read = await Store.Audit.QueryAuditAsync(new AuditQuery { Limit = 10, BeforeId = before }, Ct);
            pages.AddRange(read);
            if (read.Count < 10)
            {
                break;
            }

            before = read[^1].Id;
        }

        Assert.Equal(entries.Select(e => e.Timestamp).Reverse(), pages.Select(e => e.Timestamp));
        Assert.Equal(pages.Count, pages.Select(e => e.Id).Distinct().Count());

        var bobs = await Store.Audit.QueryAuditAsync(new AuditQuery { Actor = "user:bob", Action = "platform.update" }, Ct);
        Assert.Equal([23, 19, 17, 13, 11, 7, 5, 1], bobs.Select(e => (int)(e.Timestamp - TestData.T0).TotalMinutes));
        var target = await Store.Audit.QueryAuditAsync(new AuditQuery { TargetType = "platform", Target = "2" }, Ct);
        Assert.Equal([22, 17, 7, 2], target.Select(e => (int)(e.Timestamp - TestData.T0).TotalMinutes));
        var window = await Store.Audit.QueryAuditAsync(new AuditQuery { Since = TestData.T0.AddMinutes(5), Until = TestData.T0.AddMinutes(8) }, Ct);
        Assert.Equal([7, 6, 5], window.Select(e => (int)(e.Timestamp - TestData.T0).TotalMinutes));
        Assert.Empty(await Store.Audit.QueryAuditAsync(new AuditQuery { Actor = "admin", Target = "nothing" }, Ct));
        Assert.Single(await Store.Audit.QueryAuditAsync(new AuditQuery { Limit = -5 }, Ct));
        Assert.Equal(25, (await Store.Audit.QueryAuditAsync(new AuditQuery { Limit = 5000 }, Ct)).Count);
    }

    [Fact]
    public async Task Purge_DeletesOnlyEntriesOlderThanTheCutoff()
    {
        await Store.MigrateAsync(Ct);
        await Store.Audit.InsertAuditAsync(
        [
            Entry(TestData.T0.AddDays(-400), "admin", "tier.set", "tier", "free"),
            Entry(TestData.T0.AddDays(-366), "admin", "tier.set", "tier", "pro"),
            Entry(TestData.T0.AddDays(-1), "admin", "tier.set", "tier", "free"),
        ], Ct);

        Assert.Equal(2, await Store.Audit.PurgeAuditAsync(TestData.T0.AddDays(-365), Ct));
        Assert.Equal(0, await Store.Audit.PurgeAuditAsync(TestData.T0.AddDays(-365), Ct));
        Assert.Equal(TestData.T0.AddDays(-1), Assert.Single(await Store.Audit.QueryAuditAsync(new AuditQuery(), Ct)).Timestamp);
        Assert.Equal(1, await IndexCountAsync("ix_audit_log_created_at"));
    }

    private static AuditEntry Entry(DateTimeOffset time, string actor, string action, string targetType, string target) => new()
    {
        Timestamp = time,
        Actor = actor,
        Action = action,
        TargetType = targetType,
        Target = target,
    };
}
