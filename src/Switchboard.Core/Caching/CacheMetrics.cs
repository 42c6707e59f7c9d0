using System.Diagnostics;
using System.Diagnostics.Metrics;
using Switchboard.Core.Telemetry;

namespace Switchboard.Core.Caching;

/// <summary>Counts the response cache's lookups by result (<c>hit</c>, <c>miss</c>, <c>refresh</c>) and its stores, on the gateway's meter.</summary>
/// <remarks>Static like <see cref="GatewayMetrics"/>, whose meter it shares; thread-safe and allocation-free per call.</remarks>
internal static class CacheMetrics
{
    private static readonly Counter<long> Lookups = GatewayMetrics.Meter.CreateCounter<long>(
        TelemetryNames.CacheLookups, "{request}", "Requests that used the response cache, by result: hit, miss, or refresh (the lookup skipped).");

    private static readonly Counter<long> Stores = GatewayMetrics.Meter.CreateCounter<long>(
        TelemetryNames.CacheStores, "{answer}", "Answers stored in the response cache.");

    /// <summary>Counts one lookup.</summary>
    public static void RecordLookup(string result) => Lookups.Add(1, new TagList { { "result", result } });

    /// <summary>Counts one stored answer.</summary>
    public static void RecordStore() => Stores.Add(1);
}
