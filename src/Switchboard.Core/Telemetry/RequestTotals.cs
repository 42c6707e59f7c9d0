namespace Switchboard.Core.Telemetry;

/// <summary>Keeps the process-wide running totals that the JSON status endpoint reports: requests by outcome, tokens by type, cost and price.</summary>
/// <remarks>
/// The Prometheus exporter keeps its own aggregation and offers no query, so <see cref="GatewayMetrics"/> adds each finished
/// request here as well: a few interlocked additions, no allocation, no second metric reader paying a tag lookup per
/// measurement. Counts since the process started, like the static instruments. Thread-safe.
/// </remarks>
public static class RequestTotals
{
    private static long _requests;
    private static long _succeeded;
    private static long _failed;
    private static long _cancelled;
    private static long _active;
    private static long _inputTokens;
    private static long _outputTokens;
    private static long _cachedInputTokens;
    private static long _reasoningTokens;
    private static double _providerCost;
    private static double _userPrice;

    /// <summary>Gets the number of finished requests.</summary>
    public static long Requests => Interlocked.Read(ref _requests);

    /// <summary>Gets the number of finished requests that succeeded.</summary>
    public static long Succeeded => Interlocked.Read(ref _succeeded);

    /// <summary>Gets the number of finished requests that failed.</summary>
    public static long Failed => Interlocked.Read(ref _failed);

    /// <summary>Gets the number of finished requests the client cancelled.</summary>
    public static long Cancelled => Interlocked.Read(ref _cancelled);

    /// <summary>Gets the number of requests in flight.</summary>
    public static long Active => Interlocked.Read(ref _active);

    /// <summary>Gets the input tokens billed.</summary>
    public static long InputTokens => Interlocked.Read(ref _inputTokens);

    /// <summary>Gets the output tokens billed.</summary>
    public static long OutputTokens => Interlocked.Read(ref _outputTokens);

    /// <summary>Gets the cached input tokens billed.</summary>
    public static long CachedInputTokens => Interlocked.Read(ref _cachedInputTokens);

    /// <summary>Gets the reasoning tokens billed.</summary>
    public static long ReasoningTokens => Interlocked.Read(ref _reasoningTokens);

    /// <summary>Gets the provider cost, in the configured price currency.</summary>
    public static double ProviderCost => Volatile.Read(ref _providerCost);

    /// <summary>Gets the user price (revenue), in the configured price currency.</summary>
    public static double UserPrice => Volatile.Read(ref _userPrice);

    /// <summary>Counts a request as in flight.</summary>
    internal static void Started() => Interlocked.Increment(ref _active);

    /// <summary>Adds one finished request and ends its in-flight count.</summary>
    internal static void Finished(string status, in Abstractions.Usage.TokenUsage tokens, decimal providerCost, decimal userPrice)
    {
        Interlocked.Decrement(ref _active);
        Interlocked.Increment(ref _requests);
        switch (status)
        {
            case "success":
                Interlocked.Increment(ref _succeeded);
                break;
            case "cancelled":
                Interlocked.Increment(ref _cancelled);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }

        AddIfAny(ref _inputTokens, tokens.InputTokens);
        AddIfAny(ref _outputTokens, tokens.OutputTokens);
        AddIfAny(ref _cachedInputTokens, tokens.CachedInputTokens);
        AddIfAny(ref _reasoningTokens, tokens.ReasoningTokens);
        AddIfAny(ref _providerCost, (double)providerCost);
        AddIfAny(ref _userPrice, (double)userPrice);
    }

    private static void AddIfAny(ref long total, long value)
    {
        if (value != 0)
        {
            Interlocked.Add(ref total, value);
        }
    }

    private static void AddIfAny(ref double total, double value)
    {
        if (value == 0)
        {
            return;
        }

        double current;
        do
        {
            current = Volatile.Read(ref total);
        }
        while (Interlocked.CompareExchange(ref total, current + value, current) != current);
    }
}
