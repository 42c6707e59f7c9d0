using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Limits;
using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Failover;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Usage;

namespace Switchboard.Core.Pipeline;

/// <summary>The attempt loop every kind of request shares: resolve and admit, try each planned source and key, and close the request's ledger on every way out.</summary>
public sealed partial class ChatPipeline
{
    /// <summary>Runs one request's attempts, the same way for every kind of call: resolve and admit, then try each planned (source, key) until one succeeds or <see cref="FailoverPolicy"/> says stop.</summary>
    /// <typeparam name="TProvider">What a platform must implement to serve the call; a source whose platform does not is passed over.</typeparam>
    /// <typeparam name="T">What a successful attempt returns.</typeparam>
    /// <param name="ledger">The request's ledger; every way out of this method closes it, except a success, which <paramref name="succeeded"/> (or the returned value's owner) closes.</param>
    /// <param name="type">The model type the request needs (<c>chat</c>, <c>embedding</c>).</param>
    /// <param name="attempt">Makes one attempt on the given provider and key; an expected failure is a value, never an exception.</param>
    /// <param name="succeeded">Closes the ledger for a successful value, when the value does not close it itself later (a stream does).</param>
    /// <param name="release">Releases a successful value that could not be handed over because recording its success threw.</param>
    /// <param name="cancellationToken">The client's cancellation.</param>
    /// <param name="fromCache">Answers the resolved and admitted request from the response cache, closing the ledger, or returns no value (a miss) or the error that ends it.</param>
    /// <returns>The value, or the error the client gets.</returns>
    private async ValueTask<(T? Value, GatewayError? Error)> RunAttemptsAsync<TProvider, T>(
        RequestLedger ledger,
        string type,
        Func<TProvider, AttemptPlan, SourceTarget, CancellationToken, ValueTask<UpstreamResult<T>>> attempt,
        Action<T>? succeeded,
        Func<T, ValueTask>? release,
        CancellationToken cancellationToken,
        Func<RequestLedger, CancellationToken, ValueTask<(T? Value, GatewayError? Error)>>? fromCache = null)
        where TProvider : class
        where T : class
    {
        using var plan = new AttemptPlan(_routingState, _options.MaxAttempts);
        UpstreamError? last = null;
        try
        {
            if (await PrepareAsync(ledger, type, cancellationToken).ConfigureAwait(false) is { } prepareError)
            {
                return (null, prepareError);
            }

            if (fromCache is not null)
            {
                var cached = await fromCache(ledger, cancellationToken).ConfigureAwait(false);
                if (cached.Value is not null || cached.Error is not null)
                {
                    return cached;
                }
            }

            if (PlanAttempts(ledger, plan) is { } planError)
            {
                return (null, Fail(ledger, planError));
            }

            foreach (var (source, target) in plan)
            {
                if (source.Platform.Provider is not TProvider provider)
                {
                    last ??= new UpstreamError(UpstreamErrorKind.InvalidRequest, $"Platform '{source.Platform.Name}' does not serve {ledger.Endpoint}.");
                    continue;
                }

                Begin(ledger, source, target);
                var result = await attempt(provider, plan, target, cancellationToken).ConfigureAwait(false);
                if (result.Value is { } value)
                {
                    await SucceedAsync(plan, value, succeeded, release).ConfigureAwait(false);
                    return (value, null);
                }

                last = result.Error!;
                if (!RecordAttemptFailure(ledger.Context, plan, source, last))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A cancelled chat request is recorded with its prompt estimate: the upstream may already be billing it.
            if (ledger.Request is null)
            {
                ledger.Close(default, UsageSource.None, UsageStatus.Cancelled, "cancelled", 499);
            }
            else
            {
                ledger.Close(new TokenUsage(ledger.PromptTokens(_estimator), 0), UsageSource.Estimated, UsageStatus.Cancelled, "cancelled", 499);
            }

            throw;
        }
        catch (Exception e)
        {
            return (null, FailInternal(ledger, e));
        }

        return (null, FailUpstream(ledger, plan.AsApplied(last)));
    }

    /// <summary>Records an attempt's success and closes what the caller asked; a value whose success could not be recorded is released before the failure goes on.</summary>
    private static async ValueTask SucceedAsync<T>(AttemptPlan plan, T value, Action<T>? succeeded, Func<T, ValueTask>? release)
    {
        try
        {
            plan.RecordSuccess();
            succeeded?.Invoke(value);
        }
        catch when (release is not null)
        {
            await release(value).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Resolves the model for the caller and admits the request against its limits; on failure closes the ledger and returns the error.</summary>
    private async ValueTask<GatewayError?> PrepareAsync(RequestLedger ledger, string type, CancellationToken cancellationToken)
    {
        var view = TenantView.For(_snapshots.Current, ledger.Context.Caller);
        var resolution = await _resolver.ResolveAsync(view, ledger.RequestedModel, type, cancellationToken).ConfigureAwait(false);
        if (resolution.Error is { } resolveError)
        {
            return Fail(ledger, resolveError);
        }

        ledger.Model = resolution.Model;
        ledger.Slot = resolution.Slot;
        if (LimitGate.AppliesTo(view))
        {
            var (lease, limitError) = await _limits.AdmitAsync(view, resolution.Model!, ledger.PromptTokens(_estimator), ledger.Request?.MaxBilledOutputTokens, cancellationToken).ConfigureAwait(false);
            if (limitError is not null)
            {
                return Fail(ledger, limitError);
            }

            ledger.Lease = lease;
        }

        return null;
    }

    /// <summary>Plans the (source, key) attempts for the resolved model, within the caller's source filter; returns why none can run.</summary>
    private GatewayError? PlanAttempts(RequestLedger ledger, AttemptPlan plan)
    {
        var model = ledger.Model!;
        if (SourceFilter.Refuse(model, ledger.Context.SourceFilter) is { } filtered)
        {
            return filtered;
        }

        ledger.Follow(plan, _routingLog);
        AttemptPlanner.Plan(model, plan, ledger.Context.SessionKey, out var soonest, ledger.Context.SourceFilter);
        if (plan.HasCandidates)
        {
            return null;
        }

        if (soonest > 0)
        {
            var wait = TimeSpan.FromTicks(Math.Max(0, soonest - _routingState.Time.GetUtcNow().UtcTicks));
            return new GatewayError(429, "rate_limit_error", "all_sources_cooling", $"Every source of model '{model.Id}' is cooling down after rate limits or failures, or its keys' quotas are used up for this period.")
            {
                RetryAfter = wait,
            };
        }

        var keyless = model.Sources.FirstOrDefault(s => s.Targets.Count == 0 && SourceFilter.Admits(s, ledger.Context.SourceFilter));
        return keyless is not null
            ? new GatewayError(503, "upstream_error", "no_api_key", $"No API key configured for platform '{keyless.Platform.Name}'.")
            : GatewayErrors.NoSource(model.Id, null);
    }

    /// <summary>Records a failed attempt; returns whether another attempt may follow: the failover policy's verdict, within the request's attempt deadline.</summary>
    private bool RecordAttemptFailure(GatewayRequestContext context, AttemptPlan plan, SourceEntry source, UpstreamError error)
    {
        var verdict = plan.RecordFailure(error);
        LogAttemptFailed(_logger, context.RequestId, source, error.Kind, error.UpstreamStatus);
        return verdict.MayRetry && context.ElapsedMs <= _options.AttemptDeadline.TotalMilliseconds;
    }

    private static void Begin(RequestLedger ledger, SourceEntry source, SourceTarget target)
    {
        if (ledger.Source is not null && !ReferenceEquals(ledger.Source, source))
        {
            ledger.Fallbacks++;
        }

        ledger.Source = source;
        ledger.Target = target;
        ledger.Attempts++;
    }

    private static GatewayError Fail(RequestLedger ledger, GatewayError error)
    {
        ledger.Close(default, UsageSource.None, UsageStatus.Error, error.Code, error.Status);
        return error;
    }

    /// <summary>Ends a request that hit a bug: it is recorded and releases what it holds like any other, and the client gets a plain 500.</summary>
    private GatewayError FailInternal(RequestLedger ledger, Exception exception)
    {
        // The exception's type and stack, not its message: a message can quote whatever the failing code held, a key included.
        LogRequestFaulted(_logger, ledger.Context.RequestId, exception.GetType().FullName, exception.StackTrace);
        return Fail(ledger, GatewayErrors.Internal(ledger.Context.RequestId));
    }

    private GatewayError FailUpstream(RequestLedger ledger, UpstreamError? last)
    {
        var error = last is null
            ? GatewayErrors.NoSource(ledger.Model?.Id ?? "", null)
            : GatewayErrors.FromUpstream(last, ledger.Source?.Platform.Name ?? "", ledger.Target?.Target.ApiKey);
        if (last is { MayHaveProcessed: true } && ledger.Request is not null)
        {
            // The upstream had the whole request and has most likely billed its prompt: the record carries the estimate,
            // so the provider cost is not silently missing (the request is still recorded, and charged, once).
            ledger.Close(new TokenUsage(ledger.PromptTokens(_estimator), 0), UsageSource.Estimated, UsageStatus.Error, error.Code, error.Status);
            return error;
        }

        return Fail(ledger, error);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} failed inside the gateway ({ExceptionType}); it was answered with a 500 and recorded.\n{StackTrace}")]
    private static partial void LogRequestFaulted(ILogger logger, string requestId, string? exceptionType, string? stackTrace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: attempt on {Source} failed ({Kind}, HTTP {Status}).")]
    private static partial void LogAttemptFailed(ILogger logger, string requestId, SourceEntry source, UpstreamErrorKind kind, int status);
}
