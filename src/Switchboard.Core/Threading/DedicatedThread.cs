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
    /// <remarks>
    /// The thread waits with <see cref="Monitor.Wait(object)"/>, which blocks at once. A <c>BlockingCollection</c> (or
    /// <c>SemaphoreSlim</c>) spins before it blocks, and on a one-CPU host each spin is a <c>sched_yield</c>: up to 140
    /// system calls per wait, handing the core back and forth with the request path after every record.
    /// </remarks>
    private sealed class LoopContext : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
        private bool _completed;

        public override void Post(SendOrPostCallback d, object? state)
        {
            lock (_work)
            {
                if (!_completed)
                {
                    _work.Enqueue((d, state));
                    if (_work.Count == 1)
                    {
                        Monitor.Pulse(_work); // the loop waits only when the queue is empty
                    }

                    return;
                }
            }

            ThreadPool.QueueUserWorkItem(static s => s.Callback(s.State), (Callback: d, State: state), preferLocal: false);
        }

        public override SynchronizationContext CreateCopy() => this;

        public void Complete()
        {
            lock (_work)
            {
                _completed = true;
                Monitor.Pulse(_work);
            }
        }

        /// <summary>Runs posted callbacks until <see cref="Complete"/> is called and the queue is empty.</summary>
        public void RunUntilComplete()
        {
            while (true)
            {
                (SendOrPostCallback Callback, object? State) item;
                lock (_work)
                {
                    while (!_work.TryDequeue(out item))
                    {
                        if (_completed)
                        {
                            return;
                        }

                        Monitor.Wait(_work);
                    }
                }

                item.Callback(item.State);
            }
        }
    }
}
