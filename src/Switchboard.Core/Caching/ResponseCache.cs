using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;

namespace Switchboard.Core.Caching;

/// <summary>Serves and stores chat answers by exact match on the canonical request within the caller's tenant.</summary>
/// <remarks>
/// Sits on the canonical pipeline after resolution and limits: <see cref="LookupAsync"/> decides (see <see cref="CachePolicy"/>),
/// keys (see <see cref="CacheKey"/>) and looks up; a miss's answer is stored when it completes whole (see
/// <see cref="AnswerRules"/>). The levels are a <see cref="HybridCache"/>: in process, plus a shared distributed cache
/// when one is configured. A cache that fails is a miss and a store that fails is dropped: never an error for the
/// client. Singleton and thread-safe.
/// </remarks>
public sealed partial class ResponseCache
{
    private static readonly HybridCacheEntryOptions LookupOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private readonly HybridCache _cache;
    private readonly ResponseCacheOptions _options;
    private readonly ILogger<ResponseCache> _logger;

    /// <summary>Creates the cache over <paramref name="cache"/>.</summary>
    public ResponseCache(HybridCache cache, IOptions<ResponseCacheOptions> options, ILogger<ResponseCache> logger)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        _cache = cache;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Decides whether the resolved request uses the cache and looks it up; the ledger carries the decision to the store.</summary>
    /// <returns>The stored answer on a hit, else null; or the 400 the request's cache headers earn.</returns>
    internal async ValueTask<(CachedAnswer? Hit, GatewayError? Error)> LookupAsync(RequestLedger ledger, CancellationToken cancellationToken)
    {
        var context = ledger.Context;
        var (ttl, error) = CachePolicy.Decide(_options, ledger.Model!.CacheTtl, context.Caller.CacheTtl, context.Cache);
        if (error is not null || ttl is null || ledger.Request is not { } request)
        {
            return (null, error);
        }

        var lookup = context.Cache.Directive != CacheDirective.Refresh;
        ledger.Cache = new CacheTicket(CacheKey.For(context.Caller.UserId, ledger.Model.Id, context.Protocol, request), ttl.Value, lookup);
        if (!lookup)
        {
            ledger.CacheStatus = CacheStatus.Refresh;
            CacheMetrics.RecordLookup(CacheStatus.Refresh);
            return (null, null);
        }

        CachedAnswer? hit = null;
        try
        {
            hit = await _cache.GetOrCreateAsync<CachedAnswer?>(ledger.Cache.Key, static _ => ValueTask.FromResult<CachedAnswer?>(null), LookupOnly, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogLookupFailed(_logger, context.RequestId, e.GetType().Name);
        }

        ledger.CacheStatus = hit is null ? CacheStatus.Miss : CacheStatus.Hit;
        CacheMetrics.RecordLookup(ledger.CacheStatus);
        return (hit, null);
    }

    /// <summary>Answers a non-streamed request from <paramref name="hit"/> and records it: the stored usage, <see cref="UsageSource.Cached"/>, no provider cost.</summary>
    internal static ChatCompletion Serve(RequestLedger ledger, CachedAnswer hit)
    {
        ledger.Close(hit.Usage, UsageSource.Cached, UsageStatus.Success, null, 200);
        return new ChatCompletion { Json = hit.Json, Usage = hit.Usage, UsageSource = UsageSource.Cached, FinishReason = hit.FinishReason };
    }

    /// <summary>Returns the writer a streamed request's attempt writes through: one that also records the answer when the request stores it, else <paramref name="writer"/>.</summary>
    internal ClientStreamWriter Capture(RequestLedger ledger, ClientStreamWriter writer) =>
        ledger.Cache is { } ticket && writer is not CapturingStreamWriter ? new CapturingStreamWriter(writer, this, ticket, _options.MaxEntryBytes) : writer;

    /// <summary>Stores a non-streamed answer that completed whole, in canonical form, with the usage its request was recorded with.</summary>
    internal void StoreCompleted(RequestLedger ledger, ChatCompletion completion, TokenUsage usage)
    {
        // An answer in the client's own protocol (passed through from a same-protocol upstream) has no canonical form to replay in others.
        if (ledger.Cache is { } ticket && completion.NativeProtocol is null && AnswerRules.IsStorable(completion.FinishReason))
        {
            Store(ticket, new CachedAnswer { Json = completion.Json, Usage = usage, FinishReason = completion.FinishReason });
        }
    }

    /// <summary>Stores <paramref name="answer"/> in the background when it fits the size bound; a failure is logged and dropped.</summary>
    internal void Store(CacheTicket ticket, CachedAnswer answer)
    {
        if (answer.Json.Length > _options.MaxEntryBytes)
        {
            LogTooLarge(_logger, answer.Json.Length, _options.MaxEntryBytes);
            return;
        }

        _ = StoreAsync(ticket, answer);
    }

    private async Task StoreAsync(CacheTicket ticket, CachedAnswer answer)
    {
        try
        {
            var entry = new HybridCacheEntryOptions { Expiration = ticket.Ttl, LocalCacheExpiration = ticket.Ttl };
            await _cache.SetAsync(ticket.Key, answer, entry).ConfigureAwait(false);
            CacheMetrics.RecordStore();
        }
        catch (Exception e)
        {
            LogStoreFailed(_logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the response cache lookup failed ({ExceptionType}); the request goes upstream.")]
    private static partial void LogLookupFailed(ILogger logger, string requestId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An answer could not be stored in the response cache ({ExceptionType}).")]
    private static partial void LogStoreFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An answer of {Bytes} bytes was not stored: the response cache keeps answers of at most {MaxBytes} bytes.")]
    private static partial void LogTooLarge(ILogger logger, int bytes, int maxBytes);
}
