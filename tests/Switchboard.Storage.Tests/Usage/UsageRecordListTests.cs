using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

/// <summary>Checks listing usage records one by one on both databases: every filter, newest first, and paging that neither skips nor repeats records sharing a timestamp.</summary>
public abstract class UsageRecordListTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly DateTimeOffset Day0 = TestData.T0;

    [Fact]
    public async Task List_PagesThroughRecordsSharingTimestamps_NewestFirst_WithoutGapsOrRepeats()
    {
        await Store.MigrateAsync(Ct);
        // Five records per millisecond, so most page boundaries fall inside a group of equal timestamps.
        var records = Enumerable.Range(0, 53).Select(i => TestData.Usage($"r{i:D2}", Day0.AddMilliseconds(i / 5))).ToList();
        await Store.Usage.InsertAsync(records, Ct);

        var seen = new List<string>();
        UsageRecordCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await Store.UsageRecords.ListUsageRecordsAsync(new UsageRecordQuery { Limit = 4, Before = cursor }, Ct);
            Assert.InRange(page.Records.Count, 1, 4);
            seen.AddRange(page.Records.Select(r => r.RequestId));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(14, pages);
        Assert.Equal(53, seen.Distinct().Count());
        Assert.Equal(53, seen.Count);
        var order = seen.Select(id => records.Single(r => r.RequestId == id).Timestamp).ToList();
        Assert.Equal(order.OrderByDescending(t => t), order);
        Assert.Equal(records[52] with { }, (await Store.UsageRecords.ListUsageRecordsAsync(new UsageRecordQuery { Limit = 1 }, Ct)).Records[0]);
    }

    [Fact]
    public async Task List_EachFilter_SelectsExactlyItsRecords_AndTheRangeIsHalfOpen()
    {
        await Store.MigrateAsync(Ct);
        await Store.Usage.InsertAsync(
        [
            TestData.Usage("a", Day0, "alice") with { CatalogModel = "m1", KeyId = 70, VirtualKeyId = 7, Platform = "p1" },
            TestData.Usage("b", Day0.AddMinutes(1), "alice") with { CatalogModel = "m2", KeyId = 71, VirtualKeyId = 8, Platform = "p2", Status = "error", ErrorType = "upstream_timeout" },
            TestData.Usage("c", Day0.AddMinutes(2), "bob") with { CatalogModel = null, RequestedModel = "nope", KeyId = null, VirtualKeyId = null, Platform = null, Status = "error" },
            TestData.Usage("d", Day0.AddMinutes(3), "bob") with { CatalogModel = "m1", KeyId = 70, VirtualKeyId = 9, Platform = "p1", Status = "cancelled", Protocol = "gemini" },
        ], Ct);

        async Task<string[]> Ids(UsageRecordQuery query) => [.. (await Store.UsageRecords.ListUsageRecordsAsync(query, Ct)).Records.Select(r => r.RequestId)];

        Assert.Equal(["d", "c", "b", "a"], await Ids(new UsageRecordQuery()));
        Assert.Equal(["b", "a"], await Ids(new UsageRecordQuery { UserId = "alice" }));
        Assert.Equal(["d", "a"], await Ids(new UsageRecordQuery { Model = "m1" }));
        Assert.Equal(["c"], await Ids(new UsageRecordQuery { Model = "nope" }));
        Assert.Equal(["c", "b"], await Ids(new UsageRecordQuery { Status = "error" }));
        Assert.Equal(["d", "a"], await Ids(new UsageRecordQuery { KeyId = 70 }));
        Assert.Equal(["b"], await Ids(new UsageRecordQuery { VirtualKeyId = 8 }));
        Assert.Equal(["b"], await Ids(new UsageRecordQuery { Platform = "p2" }));
        Assert.Equal(["d"], await Ids(new UsageRecordQuery { Protocol = "gemini" }));
        Assert.Equal(["c", "b", "a"], await Ids(new UsageRecordQuery { Protocol = "anthropic-messages" }));
        Assert.Empty(await Ids(new UsageRecordQuery { Protocol = "openai-chat" }));
        Assert.Equal(["c", "b"], await Ids(new UsageRecordQuery { Since = Day0.AddMinutes(1), Until = Day0.AddMinutes(3) }));
        Assert.Equal(["d"], await Ids(new UsageRecordQuery { UserId = "bob", Model = "m1", Status = "cancelled", KeyId = 70 }));
        Assert.Empty(await Ids(new UsageRecordQuery { UserId = "carol" }));
        Assert.Null((await Store.UsageRecords.ListUsageRecordsAsync(new UsageRecordQuery { Limit = 4 }, Ct)).Next);
        Assert.NotNull((await Store.UsageRecords.ListUsageRecordsAsync(new UsageRecordQuery { Limit = 3 }, Ct)).Next);
    }

    [Fact]
    public async Task Get_FindsOneRequestByIdWithEveryField()
    {
        await Store.MigrateAsync(Ct);
        var record = TestData.Usage("req-1", Day0) with { ProviderCost = 0.000123456789m, UserPrice = 0.5m, TimeToFirstTokenMs = 12.5, Tokens = new TokenUsage(100, 20, 30, 10, 5, 4) };
        await Store.Usage.InsertAsync([record, TestData.Usage("req-2", Day0.AddSeconds(1))], Ct);

        Assert.Equal(record, await Store.UsageRecords.GetUsageRecordAsync("req-1", Ct));
        Assert.Null(await Store.UsageRecords.GetUsageRecordAsync("req-3", Ct));
    }
}
