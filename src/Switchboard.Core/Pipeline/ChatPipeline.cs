using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Caching;
using Switchboard.Core.Errors;
using Switchboard.Core.Limits;
using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Failover;
using Switchboard.Core.Routing.Log;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Usage;

namespace Switchboard.Core.Pipeline;

/// <summary>Runs chat and embedding requests: resolves the model, tries sources in order, fails over before the first byte, and records usage once.</summary>
/// <remarks>Singleton and thread-safe. Shared by the HTTP gateway and the embedded <c>IChatClient</c>, so both route and bill the same way.</remarks>
public sealed partial class ChatPipeline
{
    private readonly SnapshotHolder _snapshots;
    private readonly RoutingState _routingState;
    private readonly IUsageSink _usage;
    private readonly ITokenEstimator _estimator;
    private readonly GatewayOptions _options;
    private readonly UpstreamTimeouts _timeouts;
    private readonly UpstreamLimits _upstreamLimits;
    private readonly ILogger<ChatPipeline> _logger;
    private readonly TenantModelResolver _resolver;
    private readonly LimitGate _limits;
    private readonly RoutingLogQueue? _routingLog;
    private readonly TokenCounter _tokenCounter;
    private readonly ResponseCache? _cache;
    private readonly Func<RequestLedger, CancellationToken, ValueTask<(ChatCompletion? Value, GatewayError? Error)>>? _completionFromCache;

    internal ChatPipeline(
        SnapshotHolder snapshots,
        RoutingState routingState,
        IUsageSink usage,
        ITokenEstimator estimator,
        IOptions<GatewayOptions> options,
        ILogger<ChatPipeline> logger,
        TenantModelResolver? resolver = null,
        LimitGate? limits = null,
        RoutingLogQueue? routingLog = null,
        ResponseCache? cache = null)
    {
        _routingLog = routingLog;
        _cache = cache;

        // One delegate for the pipeline's life, so a non-streamed request allocates none for the cache step.
        _completionFromCache = cache is null ? null : CompletionFromCacheAsync;
        _resolver = resolver ?? new TenantModelResolver(null, TimeProvider.System, logger);
        _limits = limits ?? new LimitGate(null, Options.Create(new TenancyOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<LimitGate>.Instance);
        _snapshots = snapshots;
        _routingState = routingState;
        _usage = usage;
        _estimator = estimator;
        _options = options.Value;
        _timeouts = new UpstreamTimeouts(_options.FirstByteTimeout, _options.IdleTimeout, _options.TotalTimeout);
        _upstreamLimits = _options.UpstreamLimits;
        _logger = logger;
        _tokenCounter = new TokenCounter(snapshots, routingState, _resolver, estimator, _timeouts, _upstreamLimits);
    }

    /// <summary>Lists the models a caller may use.</summary>
    public IReadOnlyList<CatalogEntry> ListModels(CallerIdentity caller) => TenantView.For(_snapshots.Current, caller).ListModels();

    /// <summary>Finds a model the caller may use by id or <c>Platform/DisplayName</c>; one they may not use is not found either.</summary>
    public CatalogEntry? FindModel(CallerIdentity caller, string id) => TenantView.For(_snapshots.Current, caller).FindVisible(id);

    /// <summary>Counts a chat request's input tokens for the caller's model (the upstream's count where offered, else the estimate) without admitting limits or recording usage.</summary>
    public ValueTask<TokenCountOutcome> CountTokensAsync(GatewayRequestContext context, ChatCompletionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        return _tokenCounter.CountAsync(context, request, cancellationToken);
    }

    /// <summary>Runs a non-streamed chat request.</summary>
    public async ValueTask<ChatOutcome> CompleteAsync(GatewayRequestContext context, ChatCompletionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var ledger = new RequestLedger(context, request.Model, "chat", stream: false, _usage) { Request = request };
        var (completion, error) = await RunAttemptsAsync<IChatCompletionProvider, ChatCompletion>(
            ledger,
            "chat",
            (provider, _, target, ct) => CompleteOnceAsync(provider, Call(request, target), ledger, ct),
            completion => CloseCompleted(ledger, completion),
            release: null,
            cancellationToken,
            _completionFromCache).ConfigureAwait(false);
        return new ChatOutcome { Completion = completion, Error = error, Route = ledger.Route };
    }

    /// <summary>Opens a stream in the OpenAI Chat protocol: tries sources until one produces its first bytes; failures before that fail over.</summary>
    public ValueTask<StreamOutcome> OpenStreamAsync(GatewayRequestContext context, ChatCompletionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var writer = new OpenAIChatStreamWriter("chatcmpl-" + context.RequestId, request.IncludeUsage || _options.AlwaysIncludeStreamUsage);
        return OpenStreamAsync(context, request, writer, cancellationToken);
    }

    /// <summary>Opens a stream written by <paramref name="writer"/> in its client protocol: tries sources until one produces its first bytes; failures before that fail over.</summary>
    public async ValueTask<StreamOutcome> OpenStreamAsync(GatewayRequestContext context, ChatCompletionRequest request, ClientStreamWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(writer);
        var ledger = new RequestLedger(context, request.Model, "chat", stream: true, _usage) { Request = request };
        var (stream, error) = await RunAttemptsAsync<IChatCompletionProvider, ActiveChatStream>(
            ledger,
            "chat",
            (provider, plan, target, ct) => OpenPrimedAsync(provider, plan, target, ledger, _cache?.Capture(ledger, writer) ?? writer, ct),
            succeeded: null,
            release: static stream => stream.AbandonAsync(),
            cancellationToken,
            _cache is null ? null : (l, ct) => StreamFromCacheAsync(l, writer, ct)).ConfigureAwait(false);
        return new StreamOutcome { Stream = stream, Error = error, Route = ledger.Route };
    }

    /// <summary>Runs an embeddings request.</summary>
    public async ValueTask<EmbeddingOutcome> EmbedAsync(GatewayRequestContext context, ReadOnlyMemory<byte> body, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new RequestLedger(context, model, "embeddings", stream: false, _usage);
        var (embedding, error) = await RunAttemptsAsync<IEmbeddingProvider, EmbeddingResult>(
            ledger,
            "embedding",
            (provider, _, target, ct) => provider.EmbedAsync(new EmbeddingCall { Body = body, Target = target.Target, Timeouts = _timeouts, Limits = _upstreamLimits }, ct),
            embedding =>
            {
                var (usage, usageSource) = ReportedUsage.Believe(embedding.Usage, embedding.UsageSource, () => new TokenUsage(_estimator.EstimatePromptTokens(body.Span, model), 0));
                ledger.Close(usage, usageSource == UsageSource.None ? UsageSource.Estimated : usageSource, UsageStatus.Success, null, 200);
            },
            release: null,
            cancellationToken).ConfigureAwait(false);
        return new EmbeddingOutcome { Result = embedding, Error = error, Route = ledger.Route };
    }

    /// <summary>Opens one stream and primes it (reads until its first bytes); a stream that fails before them is released and its failure returned, so the next attempt may follow.</summary>
    private async ValueTask<UpstreamResult<ActiveChatStream>> OpenPrimedAsync(
        IChatCompletionProvider provider, AttemptPlan plan, SourceTarget target, RequestLedger ledger, ClientStreamWriter writer, CancellationToken cancellationToken)
    {
        var request = ledger.Request!;
        var opened = await OpenOnceAsync(provider, Call(request, target), ledger, cancellationToken).ConfigureAwait(false);
        if (opened.Error is { } openError)
        {
            return openError;
        }

        var active = new ActiveChatStream(plan.Track(opened.Value!), ledger, _estimator, target.Target.ApiKey, writer);
        UpstreamError? failure;
        try
        {
            failure = await active.PrimeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A stream being primed when the attempt threw is this attempt's to release; a returned one is the caller's.
            await active.AbandonAsync().ConfigureAwait(false);
            throw;
        }

        if (failure is null)
        {
            return active;
        }

        await active.AbandonAsync().ConfigureAwait(false);
        return failure;
    }

    /// <summary>Closes a non-streamed chat request that succeeded, with the usage the upstream reported when it can be believed, else the estimate; a cacheable answer is stored.</summary>
    private void CloseCompleted(RequestLedger ledger, ChatCompletion completion)
    {
        var (usage, usageSource) = completion.UsageSource == UsageSource.None
            ? (Estimate(ledger, completion.Json.Length), UsageSource.Estimated)
            : ReportedUsage.Believe(completion.Usage, completion.UsageSource, () => Estimate(ledger, completion.Json.Length));
        ledger.Close(usage, usageSource, UsageStatus.Success, null, 200);
        _cache?.StoreCompleted(ledger, completion, usage);
    }

    /// <summary>Answers a non-streamed request from the response cache on a hit.</summary>
    private async ValueTask<(ChatCompletion? Value, GatewayError? Error)> CompletionFromCacheAsync(RequestLedger ledger, CancellationToken cancellationToken)
    {
        var (hit, error) = await _cache!.LookupAsync(ledger, cancellationToken).ConfigureAwait(false);
        return error is not null ? (null, Fail(ledger, error)) : (hit is null ? null : ResponseCache.Serve(ledger, hit), null);
    }

    /// <summary>Answers a streamed request from the response cache on a hit: the stored answer replayed through the client's writer, recorded when it ends.</summary>
    private async ValueTask<(ActiveChatStream? Value, GatewayError? Error)> StreamFromCacheAsync(RequestLedger ledger, ClientStreamWriter writer, CancellationToken cancellationToken)
    {
        var (hit, error) = await _cache!.LookupAsync(ledger, cancellationToken).ConfigureAwait(false);
        if (error is not null || hit is null)
        {
            return (null, error is null ? null : Fail(ledger, error));
        }

        var stream = new ActiveChatStream(new CachedAnswerStream(hit), ledger, _estimator, null, writer);
        await stream.PrimeAsync(cancellationToken).ConfigureAwait(false);
        return (stream, null);
    }

    /// <summary>Records a request the edge rejected before it reached the pipeline (validation), so it still has its one usage record.</summary>
    public void RecordRejected(GatewayRequestContext context, string? model, string endpoint, GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        new RequestLedger(context, model ?? "", endpoint, stream: false, _usage).Close(default, UsageSource.None, UsageStatus.Error, error.Type, error.Status);
    }

    /// <summary>Records a request that ended without a record, as the last step of every request at the edge: a client that went away is cancelled, anything else a bug.</summary>
    /// <remarks>Does nothing for a request already recorded, which is every request that ended normally.</remarks>
    public void EnsureRecorded(GatewayRequestContext context, string? model, string endpoint, bool clientGone)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsRecorded)
        {
            return;
        }

        var ledger = new RequestLedger(context, model ?? "", endpoint, stream: false, _usage);
        if (clientGone)
        {
            ledger.Close(default, UsageSource.None, UsageStatus.Cancelled, "cancelled", 499);
        }
        else
        {
            ledger.Close(default, UsageSource.None, UsageStatus.Error, "internal_error", 500);
        }
    }

    /// <summary>Makes one non-streamed call; an answer that broke its reader is an upstream failure, not a bug.</summary>
    private async ValueTask<UpstreamResult<ChatCompletion>> CompleteOnceAsync(IChatCompletionProvider provider, UpstreamChatCall call, RequestLedger ledger, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.CompleteAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (UnreadableAnswer.Is(e) && !cancellationToken.IsCancellationRequested)
        {
            LogUnreadableAnswer(_logger, ledger.Context.RequestId, ledger.Source!, e.GetType().Name);
            return UnreadableAnswer.Error(ledger.Source!.Platform.Name);
        }
    }

    /// <summary>Opens one stream; an answer that broke its reader is an upstream failure, not a bug.</summary>
    private async ValueTask<UpstreamResult<IChatStream>> OpenOnceAsync(IChatCompletionProvider provider, UpstreamChatCall call, RequestLedger ledger, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.StreamAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (UnreadableAnswer.Is(e) && !cancellationToken.IsCancellationRequested)
        {
            LogUnreadableAnswer(_logger, ledger.Context.RequestId, ledger.Source!, e.GetType().Name);
            return UnreadableAnswer.Error(ledger.Source!.Platform.Name);
        }
    }

    private UpstreamChatCall Call(ChatCompletionRequest request, SourceTarget target) =>
        new() { Request = request, Target = target.Target, Timeouts = _timeouts, Limits = _upstreamLimits };

    private TokenUsage Estimate(RequestLedger ledger, long outputBytes) =>
        new(ledger.PromptTokens(_estimator), _estimator.EstimateOutputTokens(outputBytes, ledger.RequestedModel));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the answer of {Source} could not be read ({ExceptionType}); it is treated as a malformed upstream answer.")]
    private static partial void LogUnreadableAnswer(ILogger logger, string requestId, SourceEntry source, string exceptionType);
}
