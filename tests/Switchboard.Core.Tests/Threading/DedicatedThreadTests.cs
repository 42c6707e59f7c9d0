using Switchboard.Core.Threading;

namespace Switchboard.Core.Tests.Threading;

public sealed class DedicatedThreadTests
{
    [Fact]
    public async Task Run_LoopAndItsAwaits_StayOnOneNamedNonPoolThread()
    {
        var seen = new List<(int Id, bool Pool, string? Name)>();
        void Note() => seen.Add((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));

        await DedicatedThread.Run("test-loop", async () =>
        {
            Note();
            await Task.Delay(20);
            Note();
            await Task.Yield();
            Note();
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = Task.Run(signal.SetResult);
            await signal.Task;
            Note();
        });

        Assert.Equal(4, seen.Count);
        Assert.Single(seen.Select(s => s.Id).Distinct());
        Assert.All(seen, s => Assert.False(s.Pool));
        Assert.All(seen, s => Assert.Equal("test-loop", s.Name));
    }

    [Fact]
    public async Task Run_ContinuationsPostedFromManyThreadsAtOnce_AllRunOnTheLoopThread()
    {
        // Completions race the loop's wait: a lost wake-up would hang here, a lost continuation would miss a count.
        const int Awaits = 20_000;
        var resumedElsewhere = 0;
        await DedicatedThread.Run("test-loop", async () =>
        {
            var loopThread = Environment.CurrentManagedThreadId;
            var signals = Enumerable.Range(0, Awaits).Select(_ => new TaskCompletionSource()).ToArray();
            var completers = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
            {
                for (var i = worker; i < Awaits; i += 4)
                {
                    signals[i].SetResult();
                }
            })).ToArray();
            for (var i = 0; i < Awaits; i++)
            {
                await signals[i].Task;
                if (Environment.CurrentManagedThreadId != loopThread)
                {
                    resumedElsewhere++;
                }
            }

            await Task.WhenAll(completers);
        }).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, resumedElsewhere);
    }

    [Fact]
    public async Task Run_LoopThrowsAfterAnAwait_TaskFaultsWithThatException()
    {
        var task = DedicatedThread.Run("test-loop", async () =>
        {
            await Task.Delay(10);
            throw new InvalidOperationException("boom");
        });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => task);
        Assert.Equal("boom", ex.Message);
    }

    [Fact]
    public async Task Run_LoopThrowsBeforeItsFirstAwait_TaskFaults()
    {
        var task = DedicatedThread.Run("test-loop", () => throw new InvalidOperationException("early"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => task);
        Assert.Equal("early", ex.Message);
    }

    [Fact]
    public async Task Run_LoopCancelled_TaskIsCancelled()
    {
        using var cancel = new CancellationTokenSource();
        var task = DedicatedThread.Run("test-loop", () => Task.Delay(Timeout.Infinite, cancel.Token));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.True(task.IsCanceled);
    }

    [Fact]
    public async Task Run_ThreadEndsWithTheLoop()
    {
        Thread? loopThread = null;
        await DedicatedThread.Run("test-loop", async () =>
        {
            loopThread = Thread.CurrentThread;
            await Task.Yield();
        });

        Assert.NotNull(loopThread);
        Assert.True(loopThread.Join(TimeSpan.FromSeconds(5)));
    }
}
