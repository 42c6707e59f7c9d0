using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Routing;
using Switchboard.Server.Status;

namespace Switchboard.Server.Overview;

/// <summary>Builds the overview's source health: each enabled system platform's pool status now, with each server key masked, and their traffic in the period.</summary>
/// <remarks>
/// "Now" comes from this replica's routing state (cooldowns and invalid marks are shared through the database); the
/// period's success rates come from usage records, so every replica reports the same ones.
/// </remarks>
internal static class SourceHealth
{
    public static IReadOnlyList<SourceHealthView> Build(ConfigurationData data, UsageOverview overview, KeyStatusReader statuses, RoutingState states)
    {
        var platforms = overview.Platforms.Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.Totals, StringComparer.Ordinal);
        var keys = overview.UpstreamKeys.Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.Totals, StringComparer.Ordinal);
        var now = states.Time.GetUtcNow();
        return [.. data.Platforms
            .Where(p => p.OwnerUserId == SystemUser.Id && p.Enabled)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p =>
            {
                var pool = data.Keys
                    .Where(k => k.PlatformId == p.Id && k.OwnerUserId == SystemUser.Id)
                    .OrderBy(k => k.Priority).ThenBy(k => k.Id)
                    .Select(k =>
                    {
                        var status = statuses.Read(k);
                        var traffic = keys.GetValueOrDefault(k.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), UsageTotals.Empty);
                        return new SourceKeyHealthView(
                            k.Id,
                            k.Masked,
                            status.Status,
                            status.Status == KeyStatuses.Cooling ? now + status.CooldownRemaining : null,
                            Math.Round(states.Get(k.Id).Stats.SuccessRate, 4),
                            traffic.Requests,
                            traffic.Errors,
                            SuccessRate(traffic));
                    })
                    .ToList();
                var enabled = pool.Count(k => k.Status != KeyStatuses.Disabled);
                var unusable = pool.Count(k => k.Status is KeyStatuses.Cooling or KeyStatuses.Invalid);
                var totals = platforms.GetValueOrDefault(p.Name, UsageTotals.Empty);
                return new SourceHealthView(p.Name, p.Kind, StatusViews.PoolStatus(enabled, unusable), totals.Requests, totals.Errors, SuccessRate(totals), pool);
            })];
    }

    private static double? SuccessRate(UsageTotals totals) =>
        totals.Requests == 0 ? null : Math.Round((double)(totals.Requests - totals.Errors) / totals.Requests, 4);
}
