using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Core.Caching;

/// <summary>Puts a bound on every call to the shared cache level and skips a level that is down: a failure or a slow call is a miss (or a dropped write), never an error or a long wait.</summary>
/// <remarks>
/// Each call waits at most <see cref="ResponseCacheOptions.RedisTimeout"/>; after a failure the level is skipped for
/// <see cref="ResponseCacheOptions.RedisRetryAfter"/>, so while it is down a request pays nothing for it. Without an
/// inner cache (none configured) every call is a miss at no cost. Singleton and thread-safe.
/// </remarks>
public sealed partial class GuardedDistributedCache : IDistributedCache
{
    private readonly IDistributedCache? _inner;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _retryAfter;
    private readonly TimeProvider _time;
    private readonly ILogger<GuardedDistributedCache> _logger;
    private long _skipUntilTicks;

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
            return await _inner.GetAsync(key, token).WaitAsync(_timeout, _time, token).ConfigureAwait(false);
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

    private void Trip(Exception exception)
    {
        Volatile.Write(ref _skipUntilTicks, (_time.GetUtcNow() + _retryAfter).UtcTicks);
        LogLevelDown(_logger, exception.GetType().Name, _retryAfter.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared response cache failed or was slow ({ExceptionType}); it is skipped for {Seconds} s and requests are served without it.")]
    private static partial void LogLevelDown(ILogger logger, string exceptionType, double seconds);
}
