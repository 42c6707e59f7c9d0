using System.Diagnostics;
using Switchboard.Core.Routing;

namespace Switchboard.Simulator;

/// <summary>Runs one strategy over a scenario: Poisson arrivals, attempts with scripted outcomes, all on a virtual clock, in one thread.</summary>
/// <remarks>
/// Requests overlap in virtual time, so in-flight counts, rate limits and queueing behave as under real load; the
/// planner, strategies, health and sticky sessions are the gateway's own code. Failover follows the pipeline's rules:
/// retry only retryable failures, within the attempt budget and the overall deadline.
/// </remarks>
internal sealed class Simulation(Scenario scenario, SimulationSettings settings)
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public StrategyReport Run(string strategy)
    {
        var wall = Stopwatch.StartNew();
        var clock = new VirtualClock(Epoch);
        var registries = Enumerable.Range(0, settings.Replicas)
            .Select(r => new RoutingState(clock, random: new Random(settings.Seed + r)))
            .ToArray();
        var model = scenario.BuildModel(strategy);
        var run = new SimulationRun(scenario, settings, clock, registries, model);
        run.Execute();
        wall.Stop();

        var latencies = run.Latencies.AsSpan(0, run.LatencyCount);
        latencies.Sort();
        return new StrategyReport
        {
            Strategy = strategy,
            Requests = settings.Requests,
            Succeeded = run.Succeeded,
            Attempts = run.Attempts,
            FellBack = run.FellBack,
            Cost = run.Cost,
            P50Ms = Percentile(latencies, 0.50),
            P95Ms = Percentile(latencies, 0.95),
            P99Ms = Percentile(latencies, 0.99),
            TopSourceShare = run.Served.Max() / (double)Math.Max(1, run.Succeeded),
            Ejections = model.Sources.Sum(s => registries.Sum(r => r.GetSource(s.StateId).Breaker.Ejections)),
            Wall = wall.Elapsed,
            Failures = run.Failures,
        };
    }

    private static double Percentile(ReadOnlySpan<float> sorted, double p) =>
        sorted.IsEmpty ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
