using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Usage;
using Switchboard.Testing;

namespace Switchboard.Core.Tests.Usage;

public sealed class UsageTests
{
    [Fact]
    public void ProviderCost_CachedTokensBilledAtCachedPriceNotTwice()
    {
        var model = new PlatformModelConfig { DisplayName = "m", UpstreamModel = "m", InputPricePerMillion = 2m, OutputPricePerMillion = 8m, CachedInputPricePerMillion = 0.5m };
        var cost = UsageAccounting.ProviderCost(new TokenUsage(1_000_000, 500_000, CachedInputTokens: 400_000), model);
        Assert.Equal(0.6m * 2m + 0.4m * 0.5m + 0.5m * 8m, cost);
    }

    [Fact]
    public void ProviderCost_NoCachedPrice_UsesInputPrice()
    {
        var model = new PlatformModelConfig { DisplayName = "m", UpstreamModel = "m", InputPricePerMillion = 1m, OutputPricePerMillion = 1m };
        Assert.Equal(0.000003m, UsageAccounting.ProviderCost(new TokenUsage(2, 1, CachedInputTokens: 1), model));
    }

    [Fact]
    public void UserPrice_IsPerMillion() => Assert.Equal(0.0035m, UsageAccounting.UserPrice(new TokenUsage(1000, 500), 1.5m, 4m));

    [Fact]
    public void Estimator_CountsMessagesTextAndCjk()
    {
        var estimator = new ApproximateTokenEstimator();
        var english = estimator.EstimatePromptTokens(Encoding.UTF8.GetBytes("""{"model":"m","messages":[{"role":"user","content":"abcdefghijklmnop"}]}"""), null);
        var chinese = estimator.EstimatePromptTokens(Encoding.UTF8.GetBytes("""{"model":"m","messages":[{"role":"user","content":"你好世界你好世界"}]}"""), null);
        Assert.True(english is > 5 and < 20);
        Assert.True(chinese > english - 4);
        Assert.Equal(0, estimator.EstimateOutputTokens(0, null));
        Assert.Equal(3, estimator.EstimateOutputTokens(12, null));
    }

    [Fact]
    public void Queue_Full_OverflowsInsteadOfDropping()
    {
        var queue = new UsageQueue(capacity: 2);
        for (var i = 0; i < 5; i++)
        {
            queue.Write(Record(i));
        }

        var batch = new List<UsageRecord>();
        queue.Drain(batch, 100);

        Assert.Equal(5, batch.Count);
        Assert.Equal(3, queue.Overflowed);
    }

    [Fact]
    public async Task Writer_StoreFailsThenRecovers_NoRecordLostOrDuplicated()
    {
        var queue = new UsageQueue();
        var store = new FlakyStore(failures: 3);
        using var writer = new UsageWriterService(queue, store, NullLogger<UsageWriterService>.Instance);
        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 100; i++)
        {
            queue.Write(Record(i));
        }

        await Poll.UntilAsync(() => store.Stored.Count >= 100, "the writer");

        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(100, store.Stored.Count);
        Assert.Equal(100, store.Stored.Select(r => r.RequestId).Distinct().Count());
        Assert.True(store.Attempts > 3);
    }

    [Fact]
    public async Task Writer_StoreBlocksLikeALockedSqliteFile_BlocksTheWritersOwnThreadNotAPoolThread()
    {
        var queue = new UsageQueue();
        var store = new OutageStore();
        var threads = new List<(bool Pool, string? Name)>();
        store.OnInsert = () =>
        {
            lock (threads)
            {
                threads.Add((Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));
            }

            Thread.Sleep(50); // SQLite's busy handler sleeps synchronously while another process holds the write lock
        };
        using var writer = new UsageWriterService(queue, store, NullLogger<UsageWriterService>.Instance);
        await writer.StartAsync(CancellationToken.None);
        for (var round = 0; round < 3; round++)
        {
            queue.Write(Record(round));
            await Poll.UntilAsync(() => store.Count > round, "the writer");
        }

        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(3, store.Count);
        lock (threads)
        {
            Assert.NotEmpty(threads);
            Assert.All(threads, t => Assert.False(t.Pool));
            Assert.All(threads, t => Assert.Equal("switchboard-usage-writer", t.Name));
        }
    }

    [Fact]
    public async Task Writer_Stop_DrainsEverythingQueued()
    {
        var queue = new UsageQueue();
        var store = new FlakyStore(failures: 0);
        using var writer = new UsageWriterService(queue, store, NullLogger<UsageWriterService>.Instance);
        await writer.StartAsync(CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);
        for (var i = 0; i < 50; i++)
        {
            queue.Write(Record(i));
        }

        await writer.FlushAsync();
        Assert.Equal(50, store.Stored.Count);
    }

    [Fact]
    public async Task Writer_WriteDelay_RecordsArrivingWithinItAreCommittedAsOneBatch()
    {
        var queue = new UsageQueue();
        var store = new FlakyStore(failures: 0);
        using var writer = new UsageWriterService(queue, store, NullLogger<UsageWriterService>.Instance) { WriteDelay = TimeSpan.FromSeconds(2) };
        await writer.StartAsync(CancellationToken.None);
        queue.Write(Record(0));
        await Task.Delay(50); // the writer has woken for the first record and is gathering
        for (var i = 1; i < 10; i++)
        {
            queue.Write(Record(i));
        }

        await Poll.UntilAsync(() => store.Stored.Count >= 10, "the writer");

        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(10, store.Stored.Count);
        Assert.Equal(1, store.Attempts);
    }

    [Fact]
    public async Task Writer_WriteDelay_AFullBatchIsWrittenWithoutWaiting()
    {
        var queue = new UsageQueue();
        var store = new FlakyStore(failures: 0);
        using var writer = new UsageWriterService(queue, store, NullLogger<UsageWriterService>.Instance) { WriteDelay = TimeSpan.FromHours(1) };
        for (var i = 0; i < 2000; i++)
        {
            queue.Write(Record(i));
        }

        await writer.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => store.Stored.Count >= 2000, "the writer");

        Assert.Equal(2000, store.Stored.Count);
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Writer_StopWhileGathering_WritesTheGatheredRecordsAtOnce()
    {
        var queue = new UsageQueue();
        var store = new FlakyStore(failures: 0);
        using var writer = new UsageWriterService(queue, store, NullLogger<UsageWriterService>.Instance) { WriteDelay = TimeSpan.FromHours(1) };
        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            queue.Write(Record(i));
        }

        await Task.Delay(300);
        Assert.Empty(store.Stored); // still gathering

        // As the host stops it: the loop's hour-long gather is cut short (else StopAsync would not return), and
        // StoppedAsync drains what a loop that never got to run (a busy pool, under the test runner) left queued.
        await writer.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await writer.StoppedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(5, store.Stored.Count);
        Assert.Equal(1, store.Attempts);
    }

    private static UsageRecord Record(int i) => new() { RequestId = $"req-{i}", RequestedModel = "m" };

    private sealed class FlakyStore(int failures) : IUsageStore
    {
        private int _failuresLeft = failures;

        public List<UsageRecord> Stored { get; } = [];

        public int Attempts { get; private set; }

        public Task InsertAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
        {
            Attempts++;
            if (_failuresLeft-- > 0)
            {
                throw new InvalidOperationException("database unavailable");
            }

            lock (Stored)
            {
                foreach (var record in records.Where(r => Stored.All(s => s.RequestId != r.RequestId)))
                {
                    Stored.Add(record);
                }
            }

            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<UsageRecord>> QueryAsync(DateTimeOffset from, DateTimeOffset to, string? userId, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<UsageRecord>>(Stored);

        public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult((long)Stored.Count);

        public Task<IReadOnlyList<UsageGroup>> AggregateAsync(UsageQuery query, UsageGrouping groupBy, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<UsageTimeBucket>> TimelineAsync(UsageQuery query, UsageInterval interval, TimeSpan utcOffset, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<SourcePerformance>> PerformanceAsync(UsageQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<UsagePurgeResult> RollUpAndPurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<long> InsertAlertAsync(AlertRecord alert, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<AlertRecord>> ListAlertsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task MarkAlertDeliveredAsync(long id, DateTimeOffset deliveredAt, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
