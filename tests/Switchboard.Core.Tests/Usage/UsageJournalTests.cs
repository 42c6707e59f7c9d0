using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Usage;
using Switchboard.Testing;

namespace Switchboard.Core.Tests.Usage;

/// <summary>Checks that an outage spills usage to the journal and loses nothing: under load, across shutdown and restart, and with a torn last line.</summary>
public sealed class UsageJournalTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sb-journal-" + Guid.NewGuid().ToString("N"));

    private string JournalPath => Path.Combine(_directory, "usage-journal.jsonl");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Writer_StorageDownUnderLoad_SpillsToJournalThenReplaysEveryRecordOnce()
    {
        var queue = new UsageQueue(capacity: 1000);
        var store = new OutageStore { Down = true };
        var journal = new UsageJournal(JournalPath, NullLogger<UsageJournal>.Instance);
        using var writer = new UsageWriterService(queue, store, journal, NullLogger<UsageWriterService>.Instance);
        await writer.StartAsync(CancellationToken.None);

        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < 5000; i++)
            {
                queue.Write(Record($"p{p}-{i}"));
                if (i % 500 == 0)
                {
                    await Task.Delay(20);
                }
            }
        })).ToArray();
        await Task.WhenAll(producers);
        await Poll.UntilAsync(() => queue.Depth == 0 && writer.Journaled >= 20_000, "the writer");

        Assert.True(File.Exists(JournalPath));
        Assert.Equal(0, store.Count);
        Assert.True(writer.IsDegraded);
        Assert.Equal(20_000, journal.Pending);

        store.Down = false;
        await Poll.UntilAsync(() => store.Count == 20_000 && journal.Pending == 0, "the writer");
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(20_000, store.Count);
        Assert.False(File.Exists(JournalPath));
        Assert.False(writer.IsDegraded);
    }

    [Fact]
    public async Task Writer_ShutdownWhileStorageDown_JournalsEverythingAndNextStartReplaysIt()
    {
        var store = new OutageStore { Down = true };
        var queue = new UsageQueue();
        using (var writer = new UsageWriterService(queue, store, new UsageJournal(JournalPath, NullLogger<UsageJournal>.Instance), NullLogger<UsageWriterService>.Instance))
        {
            await writer.StartAsync(CancellationToken.None);
            for (var i = 0; i < 3000; i++)
            {
                queue.Write(Record($"r{i}"));
            }

            await writer.StopAsync(CancellationToken.None);

            // A request that finishes after the loop stopped (the web server drains later) is still kept.
            queue.Write(Record("late"));
            await writer.StoppedAsync(CancellationToken.None);
        }

        Assert.Equal(0, queue.Depth);
        Assert.Equal(0, store.Count);

        store.Down = false;
        var restartedJournal = new UsageJournal(JournalPath, NullLogger<UsageJournal>.Instance);
        Assert.Equal(3001, restartedJournal.Pending);
        using var restarted = new UsageWriterService(new UsageQueue(), store, restartedJournal, NullLogger<UsageWriterService>.Instance);
        await restarted.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => store.Count == 3001, "the writer");
        await restarted.StopAsync(CancellationToken.None);
        Assert.Equal(0, restartedJournal.Pending);
    }

    [Fact]
    public async Task Replay_TornLastLineAndDuplicates_SkipsTheTornLineAndCountsEachRecordOnce()
    {
        var journal = new UsageJournal(JournalPath, NullLogger<UsageJournal>.Instance);
        var store = new OutageStore();
        await store.InsertAsync([Record("a")], CancellationToken.None);
        var b = Record("b") with { ProviderCost = 0.000000165m, Tokens = new TokenUsage(10, 5, 2, 1, 3), UsageSource = UsageSource.Partial, Protocol = "anthropic-messages" };
        journal.Append([Record("a"), b]);

        // A line an older build wrote, before records carried their client protocol.
        await File.AppendAllTextAsync(JournalPath, "{\"request_id\":\"old\",\"timestamp\":\"2026-11-21T08:00:00+00:00\",\"user_id\":\"u1\",\"endpoint\":\"chat\",\"requested_model\":\"m\"}\n");
        await File.AppendAllTextAsync(JournalPath, "{\"request_id\":\"c\",\"requested_m");

        var replayed = await journal.ReplayAsync(store, 100, CancellationToken.None);

        Assert.Equal(3, replayed);
        Assert.Equal(3, store.Count);
        var stored = await store.QueryAsync(default, default, null, 10, CancellationToken.None);
        Assert.Equal(b, stored.Single(r => r.RequestId == "b"));
        Assert.Equal("openai-chat", stored.Single(r => r.RequestId == "old").Protocol);
        Assert.Equal(0, journal.Pending);
    }

    [Fact]
    public async Task Flush_AfterOutage_ReplaysJournalBeforeQueuedRecords()
    {
        var store = new OutageStore { Down = true };
        var queue = new UsageQueue();
        var journal = new UsageJournal(JournalPath, NullLogger<UsageJournal>.Instance);
        using var writer = new UsageWriterService(queue, store, journal, NullLogger<UsageWriterService>.Instance);
        queue.Write(Record("x"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.FlushAsync());
        Assert.Equal(1, journal.Pending);

        store.Down = false;
        queue.Write(Record("y"));
        await writer.FlushAsync();

        Assert.Equal(2, store.Count);
        Assert.Equal(0, journal.Pending);
    }

    private static UsageRecord Record(string id) => new()
    {
        RequestId = id,
        RequestedModel = "m",
        Timestamp = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero),
        UserId = "u1",
        ProviderCost = 0.5m,
    };
}
