using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Health;
using Switchboard.Core.Routing.Sharing;
using Switchboard.Core.Tests.Configuration;
using Switchboard.Core.Tests.Routing.Strategies;
using Switchboard.Testing;

namespace Switchboard.Core.Tests.Routing.Sharing;

/// <summary>
/// Checks that two replicas (two registries) sharing one mark store see each other's cooldowns, invalid marks,
/// revalidations and ejections after one sync, and that a store that is down changes nothing locally.
/// </summary>
public sealed class RuntimeMarkSyncTests
{
    private static readonly UpstreamError RateLimited = new(UpstreamErrorKind.RateLimited, "slow") { UpstreamStatus = 429, RetryAfter = TimeSpan.FromSeconds(30) };

    private readonly ManualTimeProvider _clock = new(StrategyTestBase.Start);
    private readonly RoutingSnapshot _snapshot = RoutingTestData.Builder().Build(
        new ConfigurationData
        {
            Platforms = [RoutingTestData.Platform(1, "p")],
            Models = [RoutingTestData.Model(10, 1, "a", "up-a"), RoutingTestData.Model(11, 1, "b", "up-b")],
            Keys = [RoutingTestData.Key(100, 1), RoutingTestData.Key(101, 1, priority: 1)],
        },
        1);

    private CatalogEntry A => _snapshot.FindModel("a")!;

    private CatalogEntry B => _snapshot.FindModel("b")!;

    [Fact]
    public async Task PairCooldown_OnOneReplica_IsHonouredByTheOther()
    {
        var store = new MemoryMarkStore(_clock);
        var (one, oneSync) = Replica(store);
        var (two, twoSync) = Replica(store);

        RoutingTestData.Fail(one, A, 100, RateLimited);
        await oneSync.SyncOnceAsync();
        await twoSync.SyncOnceAsync();

        Assert.Equal([101L], RoutingTestData.PlanIds(A, two));
        Assert.Equal([100L, 101L], RoutingTestData.PlanIds(B, two));
        var row = Assert.Single(store.Rows);
        Assert.Equal((RuntimeMarkKinds.Cooldown, 100L, "up-a", "RateLimited (HTTP 429)", oneSync.Replica), (row.Kind, row.SubjectId, row.Model, row.Reason, row.Replica));
        Assert.Equal(1, twoSync.Applied);
    }

    [Fact]
    public async Task InvalidKey_IsSharedAndSoIsItsRevalidation()
    {
        var store = new MemoryMarkStore(_clock);
        var (one, oneSync) = Replica(store);
        var (two, twoSync) = Replica(store);

        RoutingTestData.Fail(one, A, 100, new UpstreamError(UpstreamErrorKind.Authentication, "bad") { UpstreamStatus = 401 });
        await oneSync.SyncOnceAsync();
        await twoSync.SyncOnceAsync();
        Assert.Equal([101L], RoutingTestData.PlanIds(B, two));
        Assert.Equal(KeyStatuses.Invalid, two.Status(_snapshot.Platforms["p"].Keys[0], ["up-a"]).Status);

        two.Revalidate(100);
        await twoSync.SyncOnceAsync();
        await oneSync.SyncOnceAsync();
        Assert.Equal([100L, 101L], RoutingTestData.PlanIds(B, one));
    }

    [Fact]
    public async Task Ejection_OnOneReplica_EjectsTheSourceOnTheOther()
    {
        var store = new MemoryMarkStore(_clock);
        var (one, oneSync) = Replica(store);
        var (two, twoSync) = Replica(store);
        var error = new UpstreamError(UpstreamErrorKind.ServerError, "boom") { UpstreamStatus = 500 };

        for (var i = 0; i < RoutingOptions.Default.EjectAfterConsecutiveFailures; i++)
        {
            RoutingTestData.Fail(one, A, 100, error);
        }

        await oneSync.SyncOnceAsync();
        await twoSync.SyncOnceAsync();

        Assert.Equal(CircuitState.Open, two.GetSource(10).Breaker.StateAt(_clock.GetUtcNow().UtcTicks));
        Assert.Equal(one.GetSource(10).Breaker.OpenUntilTicks, two.GetSource(10).Breaker.OpenUntilTicks);
    }

    [Fact]
    public async Task MarksReadTwice_ChangeNothingTheSecondTime()
    {
        var store = new MemoryMarkStore(_clock);
        var (one, oneSync) = Replica(store);
        var (_, twoSync) = Replica(store);
        RoutingTestData.Fail(one, A, 100, RateLimited);
        await oneSync.SyncOnceAsync();

        await twoSync.SyncOnceAsync();
        await twoSync.SyncOnceAsync();

        Assert.Equal(1, twoSync.Applied);
    }

    [Fact]
    public async Task StoreDown_MarksStayLocal_AndAreWrittenWhenItAnswers()
    {
        var store = new MemoryMarkStore(_clock) { Down = true };
        var (one, oneSync) = Replica(store);
        var (two, twoSync) = Replica(store);

        RoutingTestData.Fail(one, A, 100, RateLimited);
        await Assert.ThrowsAsync<InvalidOperationException>(() => oneSync.SyncOnceAsync());
        Assert.Equal([101L], RoutingTestData.PlanIds(A, one));

        store.Down = false;
        await oneSync.SyncOnceAsync();
        await twoSync.SyncOnceAsync();
        Assert.Equal([101L], RoutingTestData.PlanIds(A, two));
    }

    [Fact]
    public async Task EndedMarks_AreDeletedByMaintenance()
    {
        var store = new MemoryMarkStore(_clock);
        var (one, oneSync) = Replica(store);
        RoutingTestData.Fail(one, A, 100, RateLimited);
        await oneSync.SyncOnceAsync();
        Assert.Single(store.Rows);

        _clock.Advance(TimeSpan.FromHours(2));
        var (_, laterSync) = Replica(store);
        await laterSync.SyncOnceAsync();

        Assert.Empty(store.Rows);
    }

    [Fact]
    public async Task Loop_WritesAPublishedMarkWithoutWaitingForTheNextRead()
    {
        var store = new MemoryMarkStore(_clock);
        var (one, oneSync) = Replica(store, TimeSpan.FromMinutes(10));
        await oneSync.StartAsync(CancellationToken.None);
        try
        {
            // The next read is ten minutes away once the first is done: only the publication can bring the write.
            await Poll.UntilAsync(() => store.Reads >= 1, "the first sync");
            RoutingTestData.Fail(one, A, 100, RateLimited);
            await Poll.UntilAsync(() => store.Rows.Count == 1, "the published mark to be written");
        }
        finally
        {
            await oneSync.StopAsync(CancellationToken.None);
            oneSync.Dispose();
        }
    }

    [Fact]
    public async Task Loop_StoreDownForManyPolls_LogsOnceAndOnceMoreWhenItAnswersAgain()
    {
        var store = new MemoryMarkStore(_clock) { Down = true };
        var logger = new ListLogger();
        var (one, oneSync) = Replica(store, TimeSpan.FromMilliseconds(20), logger);
        RoutingTestData.Fail(one, A, 100, RateLimited);
        await oneSync.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(400);
            Assert.Equal([101L], RoutingTestData.PlanIds(A, one));
            store.Down = false;
            await Poll.UntilAsync(() => store.Rows.Count == 1, "the mark to be written once the store answers");
            await Poll.UntilAsync(() => Entries(logger).Any(e => e.Level == LogLevel.Information), "the recovery to be logged");
        }
        finally
        {
            await oneSync.StopAsync(CancellationToken.None);
            oneSync.Dispose();
        }

        Assert.Single(Entries(logger), e => e.Level == LogLevel.Warning);
        Assert.Single(Entries(logger), e => e.Level == LogLevel.Information);
    }

    private static List<(LogLevel Level, string Message)> Entries(ListLogger logger)
    {
        lock (logger.Entries)
        {
            return [.. logger.Entries];
        }
    }

    private (RoutingState States, RuntimeMarkSync Sync) Replica(IRuntimeMarkStore store, TimeSpan? poll = null, ILogger? logger = null)
    {
        var states = new RoutingState(_clock);
        var sync = new RuntimeMarkSync(states, store, Options.Create(new SharedStateOptions { PollInterval = poll ?? TimeSpan.FromMilliseconds(500) }), logger ?? NullLogger.Instance);
        return (states, sync);
    }
}
