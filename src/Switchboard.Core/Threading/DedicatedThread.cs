using System.Collections.Concurrent;

namespace Switchboard.Core.Threading;

/// <summary>Runs an async loop on a thread of its own, so its blocking calls never hold a thread-pool thread.</summary>
/// <remarks>
/// <para>
/// SQLite waits for another process's file lock inside synchronous calls (its busy handler sleeps), and a long roll-up
/// or purge is synchronous work too. On a thread-pool thread either one stalls the request path on a one-CPU host
/// until the pool notices and adds a thread, which takes hundreds of milliseconds. The background writers run here
/// instead: the loop's awaits (written without <c>ConfigureAwait(false)</c>) come back to this thread, and storage
/// calls that finish synchronously, as SQLite's do, never leave it.
/// </para>
/// <para>The thread is a background thread; it ends when the loop's task completes.</para>
/// </remarks>
internal static class DedicatedThread
{
    /// <summary>Starts <paramref name="loop"/> on a new thread named <paramref name="name"/>; the task completes as the loop does.</summary>
    public static Task Run(string name, Func<Task> loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Pump(loop, completion)) { IsBackground = true, Name = name };
        thread.Start();
        return completion.Task;
    }

    private static void Pump(Func<Task> loop, TaskCompletionSource completion)
    {
        var context = new LoopContext(); // never disposed: a late continuation may still post to it
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = loop();
        }
#pragma warning disable CA1031 // A loop that throws before its first await fails its task, like an async method would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            completion.SetException(ex);
            return;
        }

        task.ContinueWith(static (_, state) => ((LoopContext)state!).Complete(), context, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        context.RunUntilComplete();
        SynchronizationContext.SetSynchronizationContext(null);
        completion.SetFromTask(task);
    }

    /// <summary>Queues continuations for the loop's thread; after the loop ends, late ones go to the thread pool.</summary>
    private sealed class LoopContext : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _work = [];

        public override void Post(SendOrPostCallback d, object? state)
        {
            if (!_work.IsAddingCompleted)
            {
                try
                {
                    _work.Add((d, state));
                    return;
                }
                catch (InvalidOperationException)
                {
                    // Completed between the check and the add: fall through to the pool.
                }
            }

            ThreadPool.QueueUserWorkItem(static s => s.Callback(s.State), (Callback: d, State: state), preferLocal: false);
        }

        public override SynchronizationContext CreateCopy() => this;

        public void Complete() => _work.CompleteAdding();

        public void RunUntilComplete()
        {
            foreach (var (callback, state) in _work.GetConsumingEnumerable())
            {
                callback(state);
            }
        }
    }
}
