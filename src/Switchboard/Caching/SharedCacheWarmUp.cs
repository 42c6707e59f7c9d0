using Microsoft.Extensions.Hosting;
using Switchboard.Core.Caching;

namespace Switchboard.Caching;

/// <summary>Connects the response cache's shared level in the background at start, so the first requests do not pay (or time out on) the connect.</summary>
/// <remarks>The start does not wait for it: a gateway whose Redis is down starts and serves as usual.</remarks>
internal sealed class SharedCacheWarmUp(GuardedDistributedCache cache) : IHostedService, IDisposable
{
    /// <summary>The longest the warm-up waits for the first answer; the per-request bound applies after it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stopping = new();

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = cache.WarmUpAsync(Bound, _stopping.Token);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();

    /// <inheritdoc/>
    public void Dispose() => _stopping.Dispose();
}
