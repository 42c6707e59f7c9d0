using Switchboard.Abstractions.RoutingLog;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Routing.Log;

/// <summary>Builds a routing log entry from a request's routing decision and its usage record.</summary>
internal static class RoutingLogEntries
{
    public static RoutingLogRecord From(RoutingDecision decision, UsageRecord usage)
    {
        var attempts = new RoutingLogAttempt[decision.Attempts.Count];
        for (var i = 0; i < attempts.Length; i++)
        {
            var attempt = decision.Attempts[i];
            attempts[i] = new RoutingLogAttempt(attempt.Source, attempt.KeyId, attempt.Outcome, attempt.Blamed, Math.Round(attempt.DurationMs, 3));
        }

        return new RoutingLogRecord
        {
            RequestId = usage.RequestId,
            Timestamp = usage.Timestamp,
            Endpoint = usage.Endpoint,
            Model = decision.Model,
            Strategy = decision.Strategy,
            Candidates = decision.Candidates,
            SourceCount = decision.SourceCount,
            Sticky = decision.Sticky,
            Panic = decision.Panic,
            Reason = decision.Reason,
            Attempts = attempts,
            Status = usage.Status,
            HttpStatus = usage.HttpStatus,
            ErrorType = usage.ErrorType,
            LatencyMs = Math.Round(usage.LatencyMs, 3),
        };
    }
}
