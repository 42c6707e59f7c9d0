using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Usage;
using Switchboard.Testing;

namespace Switchboard.Core.Tests.Usage;

/// <summary>Checks that every queued record is on disk until it is stored, that stored segments go away, and that a dead process's segments are replayed once.</summary>
public sealed class UsageWriteAheadLogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sb-wal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Append_WritesEachRecordBeforeReturning_AndASealedSegmentIsDeletedOnceStored()
    {
        using var log = NewLog(segmentBytes: 2_000);
        var segments = Enumerable.Range(0, 20).Select(i => log.Append(Record($"r{i}"))!).ToList();

        // Every record is on disk already, across several segments (each record is a few hundred bytes); the owner's lock
        // keeps other readers out, so the sizes tell.
        Assert.True(segments.Distinct().Count() > 2);
        Assert.Equal(segments.Distinct().Count(), Directory.EnumerateFiles(_directory).Count());
        Assert.All(Directory.EnumerateFiles(_directory), f => Assert.True(new FileInfo(f).Length > 200));
        var first = segments[0];

        // A sealed segment stays until all of its records are released.
        var inFirst = segments.Count(s => ReferenceEquals(s, first));
        log.Release(first, inFirst - 1);
        Assert.True(File.Exists(first.Path));
        log.Release(first, 1);
        Assert.False(File.Exists(first.Path));
    }

    [Fact]
    public async Task Recover_ReplaysOnlySegmentsWhoseProcessIsGone_Once()
    {
        var store = new OutageStore();
        using (var crashed = NewLog())
        {
            for (var i = 0; i < 50; i++)
            {
                crashed.Append(Record($"lost-{i}") with { Protocol = i % 2 == 0 ? "gemini" : "openai-responses" });
            }

            // Dispose with records pending is what a killed process leaves: the file stays and its lock is gone.
        }

        using var live = NewLog();
        live.Append(Record("live-0"));
        using var restarted = NewLog();

        Assert.Equal(50, await restarted.RecoverAsync(store, batchSize: 7, CancellationToken.None));
        Assert.Equal(50, store.Count);
        Assert.Equal(25, (await store.QueryAsync(default, default, null, 100, CancellationToken.None)).Count(r => r.Protocol == "gemini"));

        // The live log's segment is held by its owner, so it is neither replayed nor deleted.
        Assert.Equal(0, await restarted.RecoverAsync(store, batchSize: 7, CancellationToken.None));
        Assert.Single(Directory.EnumerateFiles(_directory));
    }

    [Fact]
    public async Task Writer_WithALog_StoresEverything_AndLeavesNoSegmentBehind()
    {
        var store = new OutageStore();
        var log = NewLog(segmentBytes: 4_000);
        var queue = new UsageQueue(log: log);
        using var writer = new UsageWriterService(queue, store, NullLogger<UsageWriterService>.Instance) { WriteDelay = TimeSpan.FromMilliseconds(5) };
        await writer.StartAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                queue.Write(Record($"p{p}-{i}"));
            }
        })));
        await Poll.UntilAsync(() => store.Count == 2_000, "the writer");
        await writer.StopAsync(CancellationToken.None);
        log.Dispose();

        Assert.Empty(Directory.EnumerateFiles(_directory));
    }

    [Fact]
    public async Task Writer_StorageDown_KeepsTheSegments_AndANewProcessStoresThem()
    {
        var down = new OutageStore { Down = true };
        var store = new OutageStore();
        var log = NewLog();
        var queue = new UsageQueue(log: log);
        using (var writer = new UsageWriterService(queue, down, NullLogger<UsageWriterService>.Instance))
        {
            await writer.StartAsync(CancellationToken.None);
            for (var i = 0; i < 30; i++)
            {
                queue.Write(Record($"down-{i}"));
            }

            await Poll.UntilAsync(() => down.Calls > 0, "an attempt to store");
        }

        // The process dies without storing: nothing but its write-ahead log is left.
        log.Dispose();
        Assert.NotEmpty(Directory.EnumerateFiles(_directory));

        var next = new UsageQueue(log: NewLog());
        using var restarted = new UsageWriterService(next, store, NullLogger<UsageWriterService>.Instance);
        await restarted.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => store.Count == 30, "the recovery");
        await restarted.StopAsync(CancellationToken.None);
        next.Log!.Dispose();
        Assert.Empty(Directory.EnumerateFiles(_directory));
    }

    [Fact]
    public async Task Recover_WhenStorageComesBackAfterStart_StoresTheDeadProcessesRecordsThen()
    {
        using (var crashed = NewLog())
        {
            for (var i = 0; i < 30; i++)
            {
                crashed.Append(Record($"lost-{i}"));
            }
        }

        // The restarted process meets a database that is still starting: its first attempt fails.
        var store = new OutageStore { Down = true };
        var queue = new UsageQueue(log: NewLog());
        using var writer = new UsageWriterService(queue, store, NullLogger<UsageWriterService>.Instance);
        await writer.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => store.Calls > 0, "the first attempt");
        store.Down = false;

        queue.Write(Record("new-0"));
        await Poll.UntilAsync(() => store.Count == 31, "the dead process's records and the new one", TimeSpan.FromSeconds(30));
        await writer.StopAsync(CancellationToken.None);
        queue.Log!.Dispose();
    }

    [Fact]
    public void Append_ToAnUnwritableDirectory_ReturnsNull_AndTheRecordStillQueues()
    {
        var blocked = Path.Combine(_directory, "file-not-dir");
        Directory.CreateDirectory(_directory);
        File.WriteAllText(blocked, "x");
        using var log = new UsageWriteAheadLog(blocked, NullLogger<UsageWriteAheadLog>.Instance);
        var queue = new UsageQueue(log: log);

        Assert.Null(log.Append(Record("a")));
        queue.Write(Record("b"));
        var batch = new UsageBatch(10);
        Assert.Equal(1, queue.Drain(batch, 10));
        batch.Complete(log);
    }

    private UsageWriteAheadLog NewLog(long segmentBytes = 8 * 1024 * 1024) =>
        new(_directory, NullLogger<UsageWriteAheadLog>.Instance, segmentBytes);

    private static UsageRecord Record(string id) => new()
    {
        RequestId = id,
        RequestedModel = "m",
        Timestamp = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero),
        UserId = "u1",
        ProviderCost = 0.5m,
        Tokens = new TokenUsage(10, 5),
    };
}
