using Switchboard.Abstractions.RoutingLog;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.RoutingLog;

public abstract class RoutingLogStoreTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task Insert_ThenGet_RoundTripsEveryField()
    {
        await Store.MigrateAsync(Ct);
        var entry = Entry("req_1", TestData.T0, "shared", "success") with
        {
            Candidates = ["primary/shared", "secondary/shared"],
            SourceCount = 3,
            Sticky = true,
            Panic = true,
            Reason = "priority ranked 2 of 3 sources; 平台 note",
            Attempts =
            [
                new RoutingLogAttempt("primary/shared", 7, "ServerError", "source", 12.5),
                new RoutingLogAttempt("secondary/shared", null, "success", null, 3.25),
            ],
            HttpStatus = 200,
            ErrorType = null,
            LatencyMs = 20.125,
        };

        await Store.RoutingLog.InsertRoutingLogAsync([entry], Ct);
        var read = await Store.RoutingLog.GetRoutingLogAsync("req_1", Ct);

        Assert.NotNull(read);
        Assert.Equal(entry.Candidates, read.Candidates);
        Assert.Equal(entry.Attempts, read.Attempts);
        Assert.Equal(entry with { Candidates = read.Candidates, Attempts = read.Attempts }, read);
        Assert.Null(await Store.RoutingLog.GetRoutingLogAsync("req_unknown", Ct));
    }

    [Fact]
    public async Task Insert_SameRequestIdTwice_KeepsTheFirst()
    {
        await Store.MigrateAsync(Ct);

        await Store.RoutingLog.InsertRoutingLogAsync([Entry("req_dup", TestData.T0, "a", "success")], Ct);
        await Store.RoutingLog.InsertRoutingLogAsync([Entry("req_dup", TestData.T0, "b", "error"), Entry("req_other", TestData.T0, "b", "error")], Ct);

        Assert.Equal("a", (await Store.RoutingLog.GetRoutingLogAsync("req_dup", Ct))!.Model);
        Assert.Equal(2, await ScalarAsync("SELECT COUNT(*) FROM routing_log"));
    }

    [Fact]
    public async Task Query_FiltersByModelStatusAndTime_NewestFirstWithinTheLimit()
    {
        await Store.MigrateAsync(Ct);
        await Store.RoutingLog.InsertRoutingLogAsync(
        [
            Entry("r0", TestData.T0, "gpt", "success"),
            Entry("r1", TestData.T0.AddMinutes(1), "gpt", "error"),
            Entry("r2", TestData.T0.AddMinutes(2), "qwen", "success"),
            Entry("r3", TestData.T0.AddMinutes(3), "gpt", "success"),
            Entry("r4", TestData.T0.AddMinutes(4), "gpt", "success"),
        ], Ct);

        Assert.Equal(["r4", "r3", "r2", "r1", "r0"], Ids(await Store.RoutingLog.QueryRoutingLogAsync(new RoutingLogQuery(), Ct)));
        Assert.Equal(["r4", "r3", "r1", "r0"], Ids(await Store.RoutingLog.QueryRoutingLogAsync(new RoutingLogQuery { Model = "gpt" }, Ct)));
        Assert.Equal(["r4", "r3", "r0"], Ids(await Store.RoutingLog.QueryRoutingLogAsync(new RoutingLogQuery { Model = "gpt", Status = "success" }, Ct)));
        Assert.Equal(["r2", "r1"], Ids(await Store.RoutingLog.QueryRoutingLogAsync(new RoutingLogQuery { Since = TestData.T0.AddMinutes(1), Until = TestData.T0.AddMinutes(3) }, Ct)));
        Assert.Equal(["r4", "r3"], Ids(await Store.RoutingLog.QueryRoutingLogAsync(new RoutingLogQuery { Limit = 2 }, Ct)));
        Assert.Equal(["r1"], Ids(await Store.RoutingLog.QueryRoutingLogAsync(new RoutingLogQuery { RequestId = "r1" }, Ct)));
        Assert.Empty(await Store.RoutingLog.QueryRoutingLogAsync(new RoutingLogQuery { Model = "missing" }, Ct));
    }

    [Fact]
    public async Task Query_LimitAboveTheCap_ReturnsAtMostTheCap()
    {
        await Store.MigrateAsync(Ct);
        await Store.RoutingLog.InsertRoutingLogAsync([.. Enumerable.Range(0, RoutingLogQuery.MaxLimit + 5).Select(i => Entry($"bulk_{i:D5}", TestData.T0.AddSeconds(i), "m", "success"))], Ct);

        var page = await Store.RoutingLog.QueryRoutingLogAsync(new RoutingLogQuery { Limit = 50_000 }, Ct);

        Assert.Equal(RoutingLogQuery.MaxLimit, page.Count);
        Assert.Equal($"bulk_{RoutingLogQuery.MaxLimit + 4:D5}", page[0].RequestId);
    }

    [Fact]
    public async Task Purge_DeletesOnlyEntriesOlderThanTheCutoff()
    {
        await Store.MigrateAsync(Ct);
        await Store.RoutingLog.InsertRoutingLogAsync(
        [
            Entry("old1", TestData.T0.AddDays(-8), "m", "success"),
            Entry("old2", TestData.T0.AddDays(-7).AddMilliseconds(-1), "m", "error"),
            Entry("edge", TestData.T0.AddDays(-7), "m", "success"),
            Entry("new", TestData.T0, "m", "success"),
        ], Ct);

        var purged = await Store.RoutingLog.PurgeRoutingLogAsync(TestData.T0.AddDays(-7), Ct);

        Assert.Equal(2, purged);
        Assert.Equal(["new", "edge"], Ids(await Store.RoutingLog.QueryRoutingLogAsync(new RoutingLogQuery(), Ct)));
        Assert.Equal(0, await Store.RoutingLog.PurgeRoutingLogAsync(TestData.T0.AddDays(-7), Ct));
    }

    private static string[] Ids(IReadOnlyList<RoutingLogRecord> entries) => [.. entries.Select(e => e.RequestId)];

    private static RoutingLogRecord Entry(string requestId, DateTimeOffset at, string model, string status) => new()
    {
        RequestId = requestId,
        Timestamp = at,
        Endpoint = "chat",
        Model = model,
        Strategy = "priority",
        Candidates = [model + "/a"],
        SourceCount = 1,
        Reason = "priority ranked 1 of 1 sources",
        Attempts = [new RoutingLogAttempt(model + "/a", 1, status == "success" ? "success" : "ServerError", status == "success" ? null : "source", 5)],
        Status = status,
        HttpStatus = status == "success" ? 200 : 502,
        ErrorType = status == "success" ? null : "upstream_server_error",
        LatencyMs = 5,
    };
}
