using System.Globalization;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Telemetry;

namespace Switchboard.Core.Alerts;

/// <summary>Evaluates the built-in alert rules against usage and key health; each returns the alerts that currently hold.</summary>
/// <remarks>Rules only detect; deduplication, cooldown, storage and delivery belong to <see cref="AlertService"/>.</remarks>
internal static class AlertRules
{
    public static async Task EvaluateAsync(IUsageStore store, IKeyHealthSource? keys, AlertOptions options, DateTimeOffset now, List<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        await QuotaAsync(store, options, now, alerts, cancellationToken).ConfigureAwait(false);
        await ErrorRateAsync(store, options, now, alerts, cancellationToken).ConfigureAwait(false);
        await CostAnomalyAsync(store, options, now, alerts, cancellationToken).ConfigureAwait(false);
        await LatencyAsync(store, options, now, alerts, cancellationToken).ConfigureAwait(false);
        SourceUnavailable(keys, alerts);
        KeyQuotaThreshold(keys, options, alerts);
        InvalidKey(keys, alerts);
    }

    private static async Task QuotaAsync(IUsageStore store, AlertOptions options, DateTimeOffset now, List<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        if (options.Quotas.Count == 0)
        {
            return;
        }

        var spend = await store.AggregateAsync(new UsageQuery(now - options.QuotaPeriod, now.AddTicks(1)), UsageGrouping.User, cancellationToken).ConfigureAwait(false);
        foreach (var group in spend)
        {
            if (group.Key is null || !options.Quotas.TryGetValue(group.Key, out var quota) || quota <= 0)
            {
                continue;
            }

            var used = group.Totals.UserPrice;
            if (used >= quota * options.QuotaThreshold)
            {
                alerts.Add(Alert(
                    AlertKinds.QuotaThreshold,
                    used >= quota ? "critical" : "warning",
                    group.Key,
                    $"User {group.Key} has spent {used.ToString(CultureInfo.InvariantCulture)} of a {quota.ToString(CultureInfo.InvariantCulture)} quota ({used / quota:P0}).",
                    (double)used,
                    (double)(quota * options.QuotaThreshold)));
            }
        }
    }

    private static async Task ErrorRateAsync(IUsageStore store, AlertOptions options, DateTimeOffset now, List<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        var models = await store.AggregateAsync(new UsageQuery(now - options.ErrorRateWindow, now.AddTicks(1)), UsageGrouping.Model, cancellationToken).ConfigureAwait(false);
        foreach (var model in models.Where(m => m.Key is not null && m.Totals.Requests >= options.MinimumRequests))
        {
            var rate = (double)model.Totals.Errors / model.Totals.Requests;
            if (rate >= options.ErrorRateThreshold)
            {
                alerts.Add(Alert(AlertKinds.ErrorRateSpike, "critical", model.Key!, $"Model {model.Key} failed {rate:P0} of {model.Totals.Requests} requests in the last {options.ErrorRateWindow.TotalMinutes:0} minutes.", rate, options.ErrorRateThreshold));
            }
        }
    }

    private static async Task CostAnomalyAsync(IUsageStore store, AlertOptions options, DateTimeOffset now, List<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        var lastHour = Total(await store.AggregateAsync(new UsageQuery(now.AddHours(-1), now.AddTicks(1)), UsageGrouping.None, cancellationToken).ConfigureAwait(false));
        if (lastHour < options.CostAnomalyMinimum)
        {
            return;
        }

        var baseline = Total(await store.AggregateAsync(new UsageQuery(now.AddHours(-25), now.AddHours(-1)), UsageGrouping.None, cancellationToken).ConfigureAwait(false)) / 24m;
        var limit = Math.Max(baseline * options.CostAnomalyFactor, options.CostAnomalyMinimum);
        if (lastHour >= limit)
        {
            alerts.Add(Alert(AlertKinds.CostAnomaly, "warning", "provider_cost", $"Provider cost in the last hour is {lastHour.ToString(CultureInfo.InvariantCulture)}, against an hourly baseline of {Math.Round(baseline, 6).ToString(CultureInfo.InvariantCulture)}.", (double)lastHour, (double)limit));
        }

        static decimal Total(IReadOnlyList<UsageGroup> groups) => groups.Sum(g => g.Totals.ProviderCost);
    }

    private static async Task LatencyAsync(IUsageStore store, AlertOptions options, DateTimeOffset now, List<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        var recent = await store.PerformanceAsync(new UsageQuery(now - options.ErrorRateWindow, now.AddTicks(1)), cancellationToken).ConfigureAwait(false);
        if (!recent.Any(r => r.Latency is { } l && l.Count >= options.MinimumRequests))
        {
            return;
        }

        var baseline = await store.PerformanceAsync(new UsageQuery(now.AddHours(-1) - options.ErrorRateWindow, now - options.ErrorRateWindow), cancellationToken).ConfigureAwait(false);
        foreach (var source in recent.Where(r => r.Latency is { } l && l.Count >= options.MinimumRequests))
        {
            var before = baseline.FirstOrDefault(b => b.Model == source.Model && b.Platform == source.Platform && b.UpstreamModel == source.UpstreamModel)?.Latency;
            if (before is null || before.Count < options.MinimumRequests || source.Latency!.P95 < before.P95 * options.LatencyFactor)
            {
                continue;
            }

            var subject = $"{source.Model}@{source.Platform}/{source.UpstreamModel}";
            alerts.Add(Alert(AlertKinds.LatencyDegradation, "warning", subject, $"p95 latency of {subject} is {source.Latency.P95:0} ms, against {before.P95:0} ms in the hour before.", source.Latency.P95, before.P95 * options.LatencyFactor));
        }
    }

    private static void SourceUnavailable(IKeyHealthSource? keys, List<AlertRecord> alerts)
    {
        if (keys is null)
        {
            return;
        }

        foreach (var platform in keys.Sample().GroupBy(s => s.Platform).Where(p => p.All(k => !k.Usable)))
        {
            var message = platform.Any(k => k.Cooling)
                ? $"Every key of platform {platform.Key} is cooling down or invalid; the first is back in {platform.Where(k => k.Cooling).Min(k => k.CooldownRemaining).TotalSeconds:0} s."
                : $"Every key of platform {platform.Key} is invalid.";
            alerts.Add(Alert(AlertKinds.SourceUnavailable, "critical", platform.Key, message, platform.Count(), 0));
        }
    }

    /// <summary>Raises one alert per key and quota window once its use crosses the quota threshold; the window is in the dedup key, so a new window may alert again.</summary>
    private static void KeyQuotaThreshold(IKeyHealthSource? keys, AlertOptions options, List<AlertRecord> alerts)
    {
        if (keys is null)
        {
            return;
        }

        foreach (var sample in keys.Sample())
        {
            if (sample.Quota is not { } quota || quota.UsedFraction < (double)options.QuotaThreshold)
            {
                continue;
            }

            var subject = $"{sample.Platform}#{sample.KeyId}";
            var limits = string.Join(" and ", new[]
            {
                quota.TokenLimit is { } tokens ? $"{quota.TokensUsed} of {tokens} tokens" : null,
                quota.CostLimit is { } cost ? $"{quota.CostUsed.ToString("0.######", CultureInfo.InvariantCulture)} of {cost.ToString(CultureInfo.InvariantCulture)} USD" : null,
            }.Where(part => part is not null));
            var alert = Alert(
                AlertKinds.KeyQuotaThreshold,
                quota.Exhausted ? "critical" : "warning",
                subject,
                $"Key {sample.KeyId} of platform {sample.Platform} has used {quota.UsedFraction:P0} of its quota until {quota.WindowEnd:yyyy-MM-dd HH:mm} UTC ({limits}).",
                quota.UsedFraction,
                (double)options.QuotaThreshold);
            alerts.Add(alert with { DedupKey = $"{alert.DedupKey}:{quota.WindowStart.ToUnixTimeSeconds()}" });
        }
    }

    /// <summary>Raises one alert per invalid key; repeats are suppressed for the cooldown like every alert, so a key left invalid is a reminder once per cooldown, never one per request.</summary>
    private static void InvalidKey(IKeyHealthSource? keys, List<AlertRecord> alerts)
    {
        if (keys is null)
        {
            return;
        }

        foreach (var sample in keys.Sample().Where(s => s.Status == Routing.KeyStatuses.Invalid))
        {
            alerts.Add(Alert(
                AlertKinds.InvalidKey,
                "critical",
                $"{sample.Platform}#{sample.KeyId}",
                $"Key {sample.KeyId} of platform {sample.Platform} was refused as invalid ({sample.Reason ?? "unknown"}); it is skipped until an admin revalidates or replaces it.",
                1,
                0));
        }
    }

    private static AlertRecord Alert(string kind, string severity, string subject, string message, double value, double threshold) => new()
    {
        Kind = kind,
        Severity = severity,
        Subject = subject,
        Message = message,
        Value = value,
        Threshold = threshold,
        DedupKey = kind + ":" + subject,
    };
}
