using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Core.Caching;

/// <summary>Puts a bound on every call to the shared cache level and skips a level that is down: a failure or a slow call is a miss (or a dropped write), never an error or a long wait.</summary>
/// <remarks>
/// Each call waits at most <see cref="ResponseCacheOptions.RedisTimeout"/>; after a failure the level is skipped for
/// <see cref="ResponseCacheOptions.RedisRetryAfter"/>, so while it is down a request pays nothing for it. Without an
/// inner cache (none configured) every call is a miss at no cost. Singleton and thread-safe; it owns and disposes the inner level.
/// </remarks>
public sealed partial class GuardedDistributedCache : IDistributedCache, IDisposable
{
    private readonly IDistributedCache? _inner;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _retryAfter;
    private readonly TimeProvider _time;
    private readonly ILogger<GuardedDistributedCache> _logger;
    private long _skipUntilTicks;
    private volatile bool _ready;

    /// <summary>Creates the guard over <paramref name="inner"/>, or a level that is always a miss when it is null.</summary>
    public GuardedDistributedCache(IDistributedCache? inner, IOptions<ResponseCacheOptions> options, TimeProvider time, ILogger<GuardedDistributedCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _timeout = options.Value.RedisTimeout;
        _retryAfter = options.Value.RedisRetryAfter;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets a value indicating whether the shared level answered once (always true without one).</summary>
    public bool IsReady => _inner is null || _ready;

    /// <summary>Connects the shared level once, off the request path, within <paramref name="bound"/>: a client's first connect (and its first-use start-up) can take longer than one request may wait.</summary>
    /// <remarks>Never throws; a level that does not answer is left to the per-request guard.</remarks>
    public async Task WarmUpAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        if (_inner is null)
        {
            return;
        }

        try
        {
            await _inner.GetAsync(CacheKey.Prefix + "warm-up", cancellationToken).WaitAsync(bound, _time, cancellationToken).ConfigureAwait(false);
            _ready = true;
            Volatile.Write(ref _skipUntilTicks, 0);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogWarmUpFailed(_logger, e.GetType().Name);
        }
    }

    /// <summary>Gets a value indicating whether the level is being skipped after a failure.</summary>
    public bool IsSkipping => _time.GetUtcNow().UtcTicks < Volatile.Read(ref _skipUntilTicks);

    /// <inheritdoc/>
    public byte[]? Get(string key) => GetAsync(key, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        if (_inner is null || IsSkipping)
        {
            return null;
        }

        try
        {
            var value = await _inner.GetAsync(key, token).WaitAsync(_timeout, _time, token).ConfigureAwait(false);
            _ready = true;
            return value;
        }
        catch (Exception e) when (!token.IsCancellationRequested)
        {
            Trip(e);
            return null;
        }
    }

    /// <inheritdoc/>
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        RunAsync(inner => inner.SetAsync(key, value, options, token), token);

    /// <inheritdoc/>
    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public Task RefreshAsync(string key, CancellationToken token = default) => RunAsync(inner => inner.RefreshAsync(key, token), token);

    /// <inheritdoc/>
    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public Task RemoveAsync(string key, CancellationToken token = default) => RunAsync(inner => inner.RemoveAsync(key, token), token);

    private async Task RunAsync(Func<IDistributedCache, Task> call, CancellationToken token)
    {
        if (_inner is null || IsSkipping)
        {
            return;
        }

        try
        {
            await call(_inner).WaitAsync(_timeout, _time, token).ConfigureAwait(false);
        }
        catch (Exception e) when (!token.IsCancellationRequested)
        {
            Trip(e);
        }
    }

    /// <summary>Closes the inner level's connections.</summary>
    public void Dispose() => (_inner as IDisposable)?.Dispose();

    private void Trip(Exception exception)
    {
        Volatile.Write(ref _skipUntilTicks, (_time.GetUtcNow() + _retryAfter).UtcTicks);
        LogLevelDown(_logger, exception.GetType().Name, _retryAfter.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared response cache did not answer at start ({ExceptionType}); requests use it once it does.")]
    private static partial void LogWarmUpFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared response cache failed or was slow ({ExceptionType}); it is skipped for {Seconds} s and requests are served without it.")]
    private static partial void LogLevelDown(ILogger logger, string exceptionType, double seconds);
}
