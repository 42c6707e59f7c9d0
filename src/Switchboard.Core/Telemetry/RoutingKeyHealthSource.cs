using Switchboard.Core.Routing;

namespace Switchboard.Core.Telemetry;

/// <summary>Reads key health from the current routing snapshot and the shared key states.</summary>
/// <remarks>Read-only: it never changes routing state. Called at scrape time, not per request.</remarks>
internal sealed class RoutingKeyHealthSource(KeyStatusReader statuses, RoutingState routingState) : IKeyHealthSource
{
    public IReadOnlyList<KeyHealthSample> Sample()
    {
        var samples = new List<KeyHealthSample>();
        foreach (var (platform, key, status) in statuses.ReadSystemKeys())
        {
            var quota = key.Quota is { Any: true } limits ? routingState.Quotas.Describe(key.Id, limits) : null;
            samples.Add(new KeyHealthSample(
                platform.Name, key.Id, status.Status == KeyStatuses.Cooling, status.CooldownRemaining, routingState.Get(key.Id).Stats.SuccessRate, quota, status.Status, status.Reason));
        }

        return samples;
    }
}
