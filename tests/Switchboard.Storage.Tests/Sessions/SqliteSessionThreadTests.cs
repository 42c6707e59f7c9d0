using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Sessions;

/// <summary>
/// SQLite's calls block. With the server's inline socket completions, a request's continuation runs on the socket
/// engine's thread (a thread of its own, with no synchronization context), so a session opened there must move to the
/// thread pool before it blocks; one opened on a thread with a context (the background writers) must stay on it.
/// </summary>
public sealed class SqliteSessionThreadTests(SqliteDatabaseFixture fixture) : StoreTestBase(fixture), IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public async Task Session_OpenedOnAThreadWithoutContext_RunsOnTheThreadPool()
    {
        await Store.MigrateAsync(Ct);

        var (startedOn, ranOn, ranOnPool) = await RunOnOwnThreadAsync(context: null);

        Assert.NotSame(startedOn, ranOn);
        Assert.True(ranOnPool, "the session's work ran on the caller's own thread instead of the thread pool");
    }

    [Fact]
    public async Task Session_OpenedOnAThreadWithAContext_StaysThere()
    {
        await Store.MigrateAsync(Ct);
        var context = new InlineContext();

        var (startedOn, ranOn, ranOnPool) = await RunOnOwnThreadAsync(context);

        Assert.Same(startedOn, ranOn);
        Assert.False(ranOnPool);
        Assert.Equal(0, context.Posts);
    }

    /// <summary>Opens a session and runs a query from a new thread (with <paramref name="context"/> installed); returns where it started and where the query's result was seen.</summary>
    /// <remarks>Threads, not their managed ids: the new thread ends at its first await, and a pool thread started after that may get its id.</remarks>
    private Task<(Thread StartedOn, Thread RanOn, bool RanOnPool)> RunOnOwnThreadAsync(SynchronizationContext? context)
    {
        var result = new TaskCompletionSource<(Thread, Thread, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(context);
            var startedOn = Thread.CurrentThread;
            _ = QueryAsync().ContinueWith(
                task =>
                {
                    if (task.IsFaulted)
                    {
                        result.SetException(task.Exception!.InnerExceptions);
                    }
                    else
                    {
                        result.SetResult((startedOn, task.Result.RanOn, task.Result.RanOnPool));
                    }
                },
                TaskScheduler.Default);
        })
        {
            IsBackground = true,
        };
        thread.Start();
        return result.Task;

        async Task<(Thread RanOn, bool RanOnPool)> QueryAsync()
        {
            await using var session = await Store.Dialect.BeginAsync(readOnly: true, Ct);
            var one = await session.ScalarInt64Async("SELECT 1", Ct);
            Assert.Equal(1, one);
            return (Thread.CurrentThread, Thread.CurrentThread.IsThreadPoolThread);
        }
    }

    /// <summary>A context that counts posts; SQLite completes synchronously, so nothing should be posted to it.</summary>
    private sealed class InlineContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }
    }
}
