using Switchboard.Core.Routing.Health;
using Switchboard.Core.Routing.Strategies;

namespace Switchboard.Core.Routing;

/// <summary>Ranks a model's sources for one request: admits the healthy ones, orders each priority group by the model's strategy, honours a sticky session.</summary>
/// <remarks>
/// Admitted: a source whose breaker is closed, or half-open with a free trial slot, and which has a key that is neither
/// invalid nor cooling, for the whole key or for the source's model. Priority groups form the fallback chain; within a group the strategy decides. Stalled sources (in flight
/// but silent for far longer than usual) go last. A live sticky binding puts its source (and key) first when it is
/// admitted. When nothing qualifies only because of ejections, the ejected sources are admitted anyway, due-back
/// first (panic routing), so a guess never turns into a sure failure. A client's provider filter (<see cref="SourceFilter"/>)
/// leaves out the sources it does not admit before any of this.
/// </remarks>
internal static class AttemptPlanner
{
    /// <summary>Fills <paramref name="plan"/> for <paramref name="model"/> and reports the soonest time a skipped source or key is usable again.</summary>
    /// <param name="model">The catalog model.</param>
    /// <param name="plan">The request's plan, filled in place.</param>
    /// <param name="sessionKey">The caller's session key for sticky routing (e.g. <c>X-Session-Id</c>), or null.</param>
    /// <param name="soonestRetryTicks">The earliest end (UTC ticks) of a skipped cooldown or ejection; 0 when nothing was skipped for that reason.</param>
    /// <param name="provider">The client's provider filter (see <see cref="SourceFilter"/>), or null for every source.</param>
    public static void Plan(CatalogEntry model, AttemptPlan plan, string? sessionKey, out long soonestRetryTicks, string? provider = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        var states = plan.States;
        var options = states.Options;
        var strategy = states.Strategies.Resolve(model.Strategy);
        var candidates = plan.Start(model, sessionKey, strategy.Name);
        var now = states.NowTicks;
        soonestRetryTicks = 0;
        var count = 0;
        for (var i = 0; i < model.Sources.Count; i++)
        {
            var source = model.Sources[i];
            if (!SourceFilter.Admits(source, provider))
            {
                continue;
            }

            var state = states.GetSource(source.StateId);
            switch (state.Breaker.StateAt(now))
            {
                case CircuitState.Open:
                    Soonest(ref soonestRetryTicks, state.Breaker.OpenUntilTicks);
                    continue;
                case CircuitState.HalfOpen when state.InFlight >= options.HalfOpenTrials:
                    Soonest(ref soonestRetryTicks, now + TimeSpan.TicksPerSecond);
                    continue;
            }

            if (AvailableKeyWeight(source, states, now, ref soonestRetryTicks) is var keyWeight and > 0)
            {
                candidates[count++] = new SourceCandidate(source, state, i, keyWeight);
            }
        }

        var panic = false;
        if (count == 0)
        {
            count = AdmitEjected(model, states, now, candidates, provider);
            panic = count > 0;
        }

        if (count > 1 && !panic)
        {
            OrderGroups(candidates[..count], strategy, new RoutingContext(now, states.GetModel(model.Id).NextRotation(), states.Random, options));
            DemoteStalled(candidates[..count], now, options);
        }

        var stickyKeyIndex = -1;
        var sticky = sessionKey is { Length: > 0 } && count > 0 && PromoteSticky(candidates[..count], states.Sessions.Find(model.Id, sessionKey, now), out stickyKeyIndex);
        plan.Commit(count, sticky, stickyKeyIndex, panic);
    }

    /// <summary>Sums the weight of a source's usable keys, noting when the cooling ones come back (an invalid key does not come back by waiting).</summary>
    private static long AvailableKeyWeight(SourceEntry source, RoutingState states, long now, ref long soonestRetryTicks)
    {
        long weight = 0;
        var model = source.Model.UpstreamModel;
        foreach (var target in source.Targets)
        {
            var key = states.Get(target.StateId);
            var fingerprint = target.Key?.Fingerprint;
            if (key.IsAvailable(now, fingerprint, model))
            {
                weight += target.Key?.Weight ?? 1;
            }
            else if (!key.IsInvalid(fingerprint))
            {
                Soonest(ref soonestRetryTicks, key.AvailableAtTicksFor(model, now));
            }
        }

        return weight;
    }

    /// <summary>Admits ejected sources whose keys are usable, soonest re-admission first, when nothing healthy is left.</summary>
    /// <remarks>
    /// Ejection is a guess from past failures, while a cooling key was told to wait by the upstream. With no healthy
    /// source left, trying a suspect one beats failing for sure (Envoy's panic routing): if every source was ejected
    /// because the gateway itself was starved, traffic resumes at once instead of after the ejection time.
    /// </remarks>
    private static int AdmitEjected(CatalogEntry model, RoutingState states, long now, Span<SourceCandidate> candidates, string? provider)
    {
        var count = 0;
        long ignored = 0;
        for (var i = 0; i < model.Sources.Count; i++)
        {
            var source = model.Sources[i];
            if (SourceFilter.Admits(source, provider) && AvailableKeyWeight(source, states, now, ref ignored) is var keyWeight and > 0)
            {
                var state = states.GetSource(source.StateId);
                candidates[count] = new SourceCandidate(source, state, i, keyWeight) { SortKey = state.Breaker.OpenUntilTicks };
                count++;
            }
        }

        CandidateSorter.Sort(candidates[..count], 0);
        return count;
    }

    private static void OrderGroups(Span<SourceCandidate> candidates, IRoutingStrategy strategy, in RoutingContext context)
    {
        var start = 0;
        while (start < candidates.Length)
        {
            var priority = candidates[start].Source.Priority;
            var end = start + 1;
            while (end < candidates.Length && candidates[end].Source.Priority == priority)
            {
                end++;
            }

            if (end - start > 1)
            {
                strategy.Order(candidates[start..end], context);
            }

            start = end;
        }
    }

    /// <summary>Moves stalled sources to the end, keeping both parts in order: suspect, but never dropped for a guess.</summary>
    private static void DemoteStalled(Span<SourceCandidate> candidates, long now, RoutingOptions options)
    {
        var stalled = 0;
        foreach (var candidate in candidates)
        {
            stalled += candidate.State.IsStalled(now, options) ? 1 : 0;
        }

        if (stalled == 0 || stalled == candidates.Length)
        {
            return;
        }

        var moved = new SourceCandidate[stalled];
        var kept = 0;
        var parked = 0;
        foreach (var candidate in candidates)
        {
            if (candidate.State.IsStalled(now, options))
            {
                moved[parked++] = candidate;
            }
            else
            {
                candidates[kept++] = candidate;
            }
        }

        moved.CopyTo(candidates[kept..]);
    }

    private static bool PromoteSticky(Span<SourceCandidate> candidates, Sessions.StickyBinding? binding, out int keyIndex)
    {
        keyIndex = -1;
        if (binding is null)
        {
            return false;
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            if (candidates[i].Source.StateId != binding.SourceStateId)
            {
                continue;
            }

            var chosen = candidates[i];
            candidates[..i].CopyTo(candidates[1..]);
            candidates[0] = chosen;
            var targets = chosen.Source.Targets;
            for (var k = 0; k < targets.Count; k++)
            {
                if (targets[k].StateId == binding.KeyStateId)
                {
                    keyIndex = k;
                    break;
                }
            }

            return true;
        }

        return false;
    }

    private static void Soonest(ref long soonest, long candidate) =>
        soonest = soonest == 0 ? candidate : Math.Min(soonest, candidate);
}
