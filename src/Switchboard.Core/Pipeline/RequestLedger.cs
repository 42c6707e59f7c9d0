using System.Diagnostics;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Log;
using Switchboard.Core.Telemetry;
using Switchboard.Core.Usage;

namespace Switchboard.Core.Pipeline;

/// <summary>Collects what happened to one client request and writes its single usage record.</summary>
/// <remarks>
/// <see cref="Close"/> is the one path every request ends through: it writes at most once per request (the mark is on the
/// request's context, so a second ledger for the same request writes nothing either), and it releases what the request
/// holds (limit reservations, parallel slots, the in-flight gauge) even when one of the steps after the write throws.
/// </remarks>
internal sealed class RequestLedger(GatewayRequestContext context, string requestedModel, string endpoint, bool stream, IUsageSink sink)
{
    private readonly Activity? _activity = StartTelemetry(endpoint, requestedModel);
    private AttemptPlan? _plan;
    private RoutingLogQueue? _routingLog;
    private bool _keepSuccess;
    private long _promptTokens = -1;

    public GatewayRequestContext Context => context;

    /// <summary>Gets the model name the client asked for.</summary>
    public string RequestedModel => requestedModel;

    /// <summary>Gets the endpoint the record names (<c>chat</c>, <c>embeddings</c>).</summary>
    public string Endpoint => endpoint;

    /// <summary>Gets the chat request, for a chat request; its prompt estimate is <see cref="PromptTokens"/>.</summary>
    public ChatCompletionRequest? Request { get; init; }

    public CatalogEntry? Model { get; set; }

    public SourceEntry? Source { get; set; }

    public SourceTarget? Target { get; set; }

    public int Attempts { get; set; }

    /// <summary>Gets or sets the usage slot the request named, if any.</summary>
    public string? Slot { get; set; }

    /// <summary>Gets or sets the limits the request holds; settled when it closes.</summary>
    public Limits.LimitLease? Lease { get; set; }

    /// <summary>Gets or sets how many times the request moved to another source.</summary>
    public int Fallbacks { get; set; }

    public double? TimeToFirstTokenMs { get; set; }

    public bool IsClosed => context.IsRecorded;

    /// <summary>Gets or sets the request's response-cache decision, when it uses the cache; a miss's answer is stored under it.</summary>
    public Caching.CacheTicket? Cache { get; set; }

    /// <summary>Gets or sets what the response cache did for the request (<see cref="Caching.CacheStatus"/>), or null.</summary>
    public string? CacheStatus { get; set; }

    public RouteInfo Route => new(Source?.ToString(), Attempts, Fallbacks, CacheStatus);

    /// <summary>Returns the estimated prompt tokens of <see cref="Request"/> (0 without one), walking its body once per request.</summary>
    /// <remarks>
    /// Limits admit by it, a failure after the upstream had the request and a cancelled request are recorded with it, and
    /// a success without believable reported usage is billed by it: all the same number, so it is computed on first use
    /// and kept. Most requests that succeed with reported usage and no limits never compute it.
    /// </remarks>
    public long PromptTokens(ITokenEstimator estimator)
    {
        if (_promptTokens < 0)
        {
            _promptTokens = Request is { } request ? estimator.EstimatePromptTokens(request.Body.Span, request.Model) : 0;
        }

        return _promptTokens;
    }

    /// <summary>Follows the request's plan: its key's quota is charged when the request closes, and its decision goes to the routing log when this request is sampled.</summary>
    public void Follow(AttemptPlan plan, RoutingLogQueue? routingLog)
    {
        _plan = plan;
        if (routingLog is not null && routingLog.ShouldRecord())
        {
            // The success sample is drawn now, so a plan that ends before the request (a stream) copies its decision
            // only when it will be written: every eventful request, and the sampled share of first-try successes.
            _routingLog = routingLog;
            _keepSuccess = routingLog.KeepsSuccess();
            plan.KeepDecision(always: _keepSuccess);
        }
    }

    public void Close(TokenUsage tokens, UsageSource source, string status, string? errorType, int httpStatus)
    {
        if (!context.TryMarkRecorded())
        {
            return;
        }

        var model = Model;
        var record = new UsageRecord
        {
            RequestId = context.RequestId,
            Timestamp = context.StartedAt,
            UserId = context.Caller.UserId,
            VirtualKeyId = context.Caller.VirtualKeyId,
            AgentName = context.AgentName,
            Slot = Slot,
            Endpoint = endpoint,
            Protocol = context.Protocol,
            RequestedModel = requestedModel,
            CatalogModel = model?.Id,
            Platform = Source?.Platform.Name,
            Provider = Source?.Platform.Provider.Name,
            UpstreamModel = Source?.Model.UpstreamModel,
            KeyId = Target?.Key?.Id,
            Tokens = tokens,
            UsageSource = source,
            // A cached answer cost the provider nothing, and its user price is zero by the documented rule (README, "Response cache").
            ProviderCost = source == UsageSource.Cached ? 0m : Priced((Tokens: tokens, Source?.Model), static s => UsageAccounting.ProviderCost(s.Tokens, s.Model)),
            UserPrice = model is null || source == UsageSource.Cached ? 0m : Priced((Tokens: tokens, Catalog: model, Source?.Model), static s => UsageAccounting.UserPrice(
                s.Tokens, s.Catalog.UserInputPricePerMillion, s.Catalog.UserOutputPricePerMillion, s.Catalog.UserCachedInputPricePerMillion, s.Catalog.UserCacheWritePricePerMillion, s.Model)),
            LatencyMs = context.ElapsedMs,
            TimeToFirstTokenMs = TimeToFirstTokenMs,
            Attempts = Attempts,
            Stream = stream,
            Status = status,
            ErrorType = errorType,
            HttpStatus = httpStatus,
        };
        try
        {
            sink.Write(record);
        }
        finally
        {
            // Whatever the steps above or below do, the request stops holding its limits and stops counting as in flight.
            try
            {
                Lease?.Settle(record);
            }
            finally
            {
                GatewayMetrics.RecordRequest(record);
                GatewayActivities.Finish(_activity, record);
            }
        }

        if (_plan is { } plan)
        {
            plan.States.Quotas.Record(Target, record);
            if (_routingLog is { } routingLog && (record.Status != UsageStatus.Success || record.Attempts > 1 || _keepSuccess))
            {
                routingLog.Write(RoutingLogEntries.From(plan.Describe(), record));
            }
        }
    }

    /// <summary>Prices a record so that building it never throws: the record must be written whatever the numbers.</summary>
    /// <remarks>Only absurd prices (an admin's typo of 10^20 per token) overflow a decimal; such a request is priced at <see cref="MaxPrice"/>, which closes any budget.</remarks>
    /// <remarks>The state travels as an argument so that the price functions are static: no closure per request.</remarks>
    private static decimal Priced<TState>(TState state, Func<TState, decimal> price)
    {
        try
        {
            return Math.Min(price(state), MaxPrice);
        }
        catch (OverflowException)
        {
            return MaxPrice;
        }
    }

    /// <summary>The most one request is recorded as costing, in USD.</summary>
    private const decimal MaxPrice = 1_000_000_000m;

    private static Activity? StartTelemetry(string endpoint, string requestedModel)
    {
        GatewayMetrics.RequestStarted();
        return GatewayActivities.Start(endpoint, requestedModel);
    }
}
