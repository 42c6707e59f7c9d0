using Switchboard.Core.Routing;

namespace Switchboard.Core.Telemetry;

/// <summary>Reads key health from the current routing snapshot and the shared key states.</summary>
/// <remarks>Read-only: it never changes routing state. Called at scrape time, not per request.</remarks>
internal sealed class RoutingKeyHealthSource(SnapshotHolder snapshots, KeyStateRegistry keyStates) : IKeyHealthSource
{
    public IReadOnlyList<KeyHealthSample> Sample()
    {
        var now = keyStates.Time.GetUtcNow().UtcTicks;
        var samples = new List<KeyHealthSample>();
        foreach (var platform in snapshots.Current.Platforms.Values)
        {
            foreach (var key in platform.Keys)
            {
                var state = keyStates.Get(key.Id);
                var until = state.CooldownUntilTicks;
                var quota = key.Quota is { Any: true } limits ? keyStates.Quotas.Describe(key.Id, limits) : null;
                samples.Add(new KeyHealthSample(platform.Name, key.Id, until > now, TimeSpan.FromTicks(Math.Max(0, until - now)), state.Stats.SuccessRate, quota));
            }
        }

        return samples;
    }
}
