using System.Diagnostics;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Telemetry;

/// <summary>Starts and finishes one span per client request, named and tagged after the GenAI conventions.</summary>
/// <remarks>Without a listener (no OTLP export configured) <see cref="Start"/> returns null and costs one check.</remarks>
public static class GatewayActivities
{
    /// <summary>Gets the gateway's activity source.</summary>
    public static ActivitySource Source { get; } = new(TelemetryNames.ActivitySourceName, typeof(GatewayActivities).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the span of a request, or returns null when nobody listens.</summary>
    public static Activity? Start(string endpoint, string requestedModel)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(endpoint + " " + requestedModel, ActivityKind.Internal);
        activity?.SetTag(TelemetryNames.OperationNameAttribute, endpoint);
        return activity;
    }

    /// <summary>Tags the span with the request's outcome and usage, then stops it.</summary>
    public static void Finish(Activity? activity, UsageRecord record)
    {
        if (activity is null)
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(record);
        activity.SetTag(TelemetryNames.RequestModelAttribute, record.CatalogModel ?? record.RequestedModel);
        activity.SetTag(TelemetryNames.ProviderNameAttribute, record.Provider);
        activity.SetTag(TelemetryNames.PlatformAttribute, record.Platform);
        activity.SetTag("gen_ai.response.model", record.UpstreamModel);
        activity.SetTag("gen_ai.usage.input_tokens", record.Tokens.InputTokens);
        activity.SetTag("gen_ai.usage.output_tokens", record.Tokens.OutputTokens);
        activity.SetTag("switchboard.request_id", record.RequestId);
        activity.SetTag("switchboard.attempts", record.Attempts);
        activity.SetTag("switchboard.usage_source", record.UsageSource.ToString());
        activity.SetTag("http.response.status_code", record.HttpStatus);
        if (record.Status != "success")
        {
            activity.SetTag(TelemetryNames.ErrorTypeAttribute, GatewayMetrics.BoundErrorType(record.ErrorType));
            activity.SetStatus(ActivityStatusCode.Error, record.Status);
        }

        activity.Stop();
    }
}
