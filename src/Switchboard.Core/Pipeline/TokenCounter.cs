using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Core.Errors;
using Switchboard.Core.Routing;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Usage;

namespace Switchboard.Core.Pipeline;

/// <summary>Counts a chat request's input tokens for a caller: the upstream's own count where the first planned source offers one, else the local estimate.</summary>
/// <remarks>
/// A count is a question about a request, not a request: it resolves the model as a chat request would (same visibility,
/// same 404) and picks the source and key the first attempt would take, but admits no limit, records no usage and leaves
/// the source's health alone (a failed count is not a failed chat). Any upstream failure falls back to the estimate.
/// </remarks>
internal sealed class TokenCounter(
    SnapshotHolder snapshots,
    RoutingState routingState,
    TenantModelResolver resolver,
    ITokenEstimator estimator,
    UpstreamTimeouts timeouts,
    UpstreamLimits limits)
{
    public async ValueTask<TokenCountOutcome> CountAsync(GatewayRequestContext context, ChatCompletionRequest request, CancellationToken cancellationToken)
    {
        var view = TenantView.For(snapshots.Current, context.Caller);
        var resolution = await resolver.ResolveAsync(view, request.Model, "chat", cancellationToken).ConfigureAwait(false);
        if (resolution.Error is { } error)
        {
            return new TokenCountOutcome { Error = error };
        }

        using var plan = new AttemptPlan(routingState, maxAttempts: 1);
        AttemptPlanner.Plan(resolution.Model!, plan, context.SessionKey, out _);
        foreach (var (source, target) in plan)
        {
            if (source.Platform.Provider is ITokenCountProvider counter)
            {
                var call = new UpstreamChatCall { Request = request, Target = target.Target, Timeouts = timeouts, Limits = limits };
                var counted = await counter.CountTokensAsync(call, cancellationToken).ConfigureAwait(false);
                if (counted.Value is { } count)
                {
                    return new TokenCountOutcome { InputTokens = count.InputTokens };
                }
            }
        }

        return new TokenCountOutcome { InputTokens = estimator.EstimatePromptTokens(request.Body.Span, request.Model), Estimated = true };
    }
}
