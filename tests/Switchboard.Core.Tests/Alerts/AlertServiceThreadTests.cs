using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Alerts;
using Switchboard.Testing;

namespace Switchboard.Core.Tests.Alerts;

public sealed class AlertServiceThreadTests
{
    [Fact]
    public async Task Evaluation_QueriesStorageOnTheAlertsOwnThread_NotAPoolThread()
    {
        // The rules' aggregates are synchronous SQLite work; on a pool thread of a one-CPU host they stalled requests.
        var store = new RecordingStore();
        using var service = new AlertService(store, null, Options.Create(new AlertOptions { EvaluationInterval = TimeSpan.FromMilliseconds(20) }), TimeProvider.System, NullLogger<AlertService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => { lock (store.Calls) { return store.Calls.Count >= 6; } }, "six evaluations' storage calls");

        await service.StopAsync(CancellationToken.None);
        List<(bool Pool, string? Name)> calls;
        lock (store.Calls)
        {
            calls = [.. store.Calls];
        }

        Assert.True(calls.Count >= 6, $"only {calls.Count} storage calls");
        Assert.All(calls, c => Assert.False(c.Pool));
        Assert.All(calls, c => Assert.Equal("switchboard-alerts", c.Name));
    }

    private sealed class RecordingStore : IUsageStore
    {
        public List<(bool Pool, string? Name)> Calls { get; } = [];

        public Task<IReadOnlyList<UsageGroup>> AggregateAsync(UsageQuery query, UsageGrouping groupBy, CancellationToken cancellationToken) =>
            Note<IReadOnlyList<UsageGroup>>([]);

        public Task<IReadOnlyList<UsageTimeBucket>> TimelineAsync(UsageQuery query, UsageInterval interval, TimeSpan utcOffset, CancellationToken cancellationToken) =>
            Note<IReadOnlyList<UsageTimeBucket>>([]);

        public Task<IReadOnlyList<SourcePerformance>> PerformanceAsync(UsageQuery query, CancellationToken cancellationToken) =>
            Note<IReadOnlyList<SourcePerformance>>([]);

        public Task<IReadOnlyList<AlertRecord>> ListAlertsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
            Note<IReadOnlyList<AlertRecord>>([]);

        public Task<IReadOnlyList<UsageRecord>> QueryAsync(DateTimeOffset from, DateTimeOffset to, string? userId, int limit, CancellationToken cancellationToken) =>
            Note<IReadOnlyList<UsageRecord>>([]);

        public Task<long> CountAsync(CancellationToken cancellationToken) => Note(0L);

        public Task InsertAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<UsagePurgeResult> RollUpAndPurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<long> InsertAlertAsync(AlertRecord alert, CancellationToken cancellationToken) => Note(1L);

        public Task MarkAlertDeliveredAsync(long id, DateTimeOffset deliveredAt, CancellationToken cancellationToken) => Note(0);

        private Task<T> Note<T>(T result)
        {
            lock (Calls)
            {
                Calls.Add((Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));
            }

            return Task.FromResult(result);
        }
    }
}
