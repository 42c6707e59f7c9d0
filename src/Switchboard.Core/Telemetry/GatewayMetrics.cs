using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Telemetry;

/// <summary>Holds the request-path instruments and records one finished request into them.</summary>
/// <remarks>
/// The instruments are static because every request records into them from the ledger, which has no container at
/// hand; a process hosts one gateway in production. Recording builds a <see cref="TagList"/> on the stack from
/// strings that already exist, so a request allocates nothing here; the OpenTelemetry SDK aggregates the measurements
/// for <c>/metrics</c> and OTLP, and <see cref="RequestTotals"/> keeps the sums the JSON status endpoint shows. Thread-safe.
/// </remarks>
public static class GatewayMetrics
{
    private static readonly FrozenSet<string> KnownErrorTypes = FrozenSet.Create(
        StringComparer.Ordinal,
        "invalid_request", "invalid_api_key", "forbidden", "model_not_found", "not_found", "request_too_large",
        "unsupported_media_type", "no_available_source", "internal_error", "upstream_invalid_request", "content_filter",
        "upstream_auth_failed", "upstream_quota_exhausted", "upstream_not_found", "rate_limit_exceeded", "upstream_overloaded",
        "upstream_timeout", "upstream_connection_failed", "upstream_bad_response", "upstream_server_error", "cancelled",
        "all_sources_cooling", "no_api_key", "wrong_model_type", "invalid_json", "missing_field", "invalid_value");

    /// <summary>Gets the gateway's meter.</summary>
    public static Meter Meter { get; } = new(TelemetryNames.MeterName, typeof(GatewayMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> RequestCounter = Meter.CreateCounter<long>(
        TelemetryNames.Requests, "{request}", "Finished client requests, by model, platform, outcome and HTTP status class.");

    private static readonly Counter<long> ErrorCounter = Meter.CreateCounter<long>(
        TelemetryNames.RequestErrors, "{request}", "Failed or cancelled client requests, by error type.");

    private static readonly UpDownCounter<long> ActiveCounter = Meter.CreateUpDownCounter<long>(
        TelemetryNames.RequestsActive, "{request}", "Client requests in flight.");

    private static readonly Counter<long> TokenCounter = Meter.CreateCounter<long>(
        TelemetryNames.Tokens, "{token}", "Tokens billed, by token type (input, output, cached_input, reasoning).");

    private static readonly Counter<double> ProviderCostCounter = Meter.CreateCounter<double>(
        TelemetryNames.ProviderCost, null, "Provider cost in the configured price currency.");

    private static readonly Counter<double> UserPriceCounter = Meter.CreateCounter<double>(
        TelemetryNames.UserPrice, null, "User price (revenue) in the configured price currency.");

    private static readonly Histogram<long> TokenHistogram = Meter.CreateHistogram(
        TelemetryNames.TokenUsage,
        "{token}",
        "Tokens used per request, by token type (input, output).",
        tags: null,
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });

    private static readonly Histogram<double> DurationHistogram = Meter.CreateHistogram(
        TelemetryNames.OperationDuration,
        "s",
        "Request duration from arrival to the last byte.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    private static readonly Histogram<double> FirstTokenHistogram = Meter.CreateHistogram(
        TelemetryNames.TimeToFirstToken,
        "s",
        "Time from arrival to the first streamed bytes.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0] });

    /// <summary>Counts a request as in flight; pair with <see cref="RecordRequest"/>.</summary>
    public static void RequestStarted()
    {
        ActiveCounter.Add(1);
        RequestTotals.Started();
    }

    /// <summary>Records a finished request from its usage record and ends its in-flight count.</summary>
    public static void RecordRequest(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ActiveCounter.Add(-1);
        RequestTotals.Finished(record.Status, record.Tokens, record.ProviderCost, record.UserPrice);
        var common = new TagList
        {
            { TelemetryNames.OperationNameAttribute, record.Endpoint },
            { TelemetryNames.RequestModelAttribute, record.CatalogModel ?? TelemetryNames.Unknown },
            { TelemetryNames.ProviderNameAttribute, record.Provider ?? TelemetryNames.Unknown },
            { TelemetryNames.PlatformAttribute, record.Platform ?? TelemetryNames.Unknown },
        };

        var requestTags = common;
        requestTags.Add(TelemetryNames.OutcomeAttribute, record.Status);
        requestTags.Add(TelemetryNames.StatusClassAttribute, StatusClass(record.HttpStatus));
        RequestCounter.Add(1, requestTags);

        var durationTags = common;
        if (record.Status != "success")
        {
            var errorTags = common;
            var errorType = BoundErrorType(record.ErrorType);
            errorTags.Add(TelemetryNames.ErrorTypeAttribute, errorType);
            ErrorCounter.Add(1, errorTags);
            durationTags.Add(TelemetryNames.ErrorTypeAttribute, errorType);
        }

        DurationHistogram.Record(record.LatencyMs / 1000d, durationTags);
        if (record.TimeToFirstTokenMs is { } ttft)
        {
            FirstTokenHistogram.Record(ttft / 1000d, common);
        }

        RecordTokens(record.Tokens, common);
        if (record.ProviderCost != 0m)
        {
            ProviderCostCounter.Add((double)record.ProviderCost, common);
        }

        if (record.UserPrice != 0m)
        {
            UserPriceCounter.Add((double)record.UserPrice, common);
        }
    }

    /// <summary>Maps an error code to itself when it is one of the documented codes and to <c>_OTHER</c> otherwise, so upstream wording never grows the label set.</summary>
    public static string BoundErrorType(string? errorType) =>
        errorType is null ? TelemetryNames.OtherError : KnownErrorTypes.TryGetValue(errorType, out var known) ? known : TelemetryNames.OtherError;

    /// <summary>Maps an HTTP status to its class label.</summary>
    public static string StatusClass(int status) => status switch
    {
        < 200 => "1xx",
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        _ => "5xx",
    };

    private static void RecordTokens(TokenUsage tokens, TagList common)
    {
        if (tokens.InputTokens == 0 && tokens.OutputTokens == 0)
        {
            return;
        }

        var input = common;
        input.Add(TelemetryNames.TokenTypeAttribute, "input");
        TokenHistogram.Record(tokens.InputTokens, input);
        TokenCounter.Add(tokens.InputTokens, input);

        var output = common;
        output.Add(TelemetryNames.TokenTypeAttribute, "output");
        TokenHistogram.Record(tokens.OutputTokens, output);
        TokenCounter.Add(tokens.OutputTokens, output);

        if (tokens.CachedInputTokens != 0)
        {
            var cached = common;
            cached.Add(TelemetryNames.TokenTypeAttribute, "cached_input");
            TokenCounter.Add(tokens.CachedInputTokens, cached);
        }

        if (tokens.ReasoningTokens != 0)
        {
            var reasoning = common;
            reasoning.Add(TelemetryNames.TokenTypeAttribute, "reasoning");
            TokenCounter.Add(tokens.ReasoningTokens, reasoning);
        }
    }
}
