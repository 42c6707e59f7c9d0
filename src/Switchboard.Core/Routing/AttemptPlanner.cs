namespace Switchboard.Core.Routing;

/// <summary>Orders the (source, key) pairs a request may try: sources by priority, keys rotating within a source, cooling keys last-resort skipped.</summary>
/// <remarks>The routing-strategy work replaces the ordering with named policies; the contract (an ordered, bounded list) stays.</remarks>
internal static class AttemptPlanner
{
    /// <summary>Fills <paramref name="plan"/> with up to <paramref name="maxAttempts"/> targets and reports the soonest cooldown end among skipped ones.</summary>
    public static void Plan(CatalogEntry model, KeyStateRegistry states, int maxAttempts, List<(SourceEntry Source, SourceTarget Target)> plan, out long soonestCooldownTicks)
    {
        ArgumentNullException.ThrowIfNull(model);
        soonestCooldownTicks = 0;
        var now = states.Time.GetUtcNow().UtcTicks;
        foreach (var source in model.Sources)
        {
            var count = source.Targets.Count;
            var start = source.NextRotation();
            for (var i = 0; i < count && plan.Count < maxAttempts; i++)
            {
                var target = source.Targets[(start + i) % count];
                var state = states.Get(target.StateId);
                if (state.IsCooling(now))
                {
                    var until = state.CooldownUntilTicks;
                    soonestCooldownTicks = soonestCooldownTicks == 0 ? until : Math.Min(soonestCooldownTicks, until);
                    continue;
                }

                plan.Add((source, target));
            }
        }
    }
}
