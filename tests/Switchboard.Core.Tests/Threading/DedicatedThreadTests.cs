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
