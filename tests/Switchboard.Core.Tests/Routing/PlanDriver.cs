using Switchboard.Abstractions.Chat;
using Switchboard.Core.Routing;

namespace Switchboard.Core.Tests.Routing;

/// <summary>Runs requests through the real planner the way the pipeline does, with scripted outcomes on a virtual clock.</summary>
internal sealed class PlanDriver(CatalogEntry model, RoutingState states, ManualTimeProvider clock, int maxAttempts = 3)
{
    /// <summary>Gets or sets the outcome of an attempt: null for success, else the error.</summary>
    public Func<SourceEntry, SourceTarget, UpstreamError?> Outcome { get; set; } = (_, _) => null;

    /// <summary>Gets or sets how long an attempt on a source takes.</summary>
    public Func<SourceEntry, TimeSpan> Latency { get; set; } = _ => TimeSpan.Zero;

    public RoutingState States => states;

    /// <summary>Runs one request; returns the platform that answered, or null when every attempt failed.</summary>
    public string? Send(string? session = null) => SendDetailed(session).Served;

    /// <summary>Runs one request; returns the platform that answered (or null) and every attempt's platform and key.</summary>
    public (string? Served, List<(string Platform, long Key)> Attempts) SendDetailed(string? session = null)
    {
        var attempts = new List<(string, long)>();
        using var plan = new AttemptPlan(states, maxAttempts);
        AttemptPlanner.Plan(model, plan, session, out _);
        foreach (var (source, target) in plan)
        {
            attempts.Add((source.Platform.Name, target.StateId));
            clock.Advance(Latency(source));
            var error = Outcome(source, target);
            if (error is null)
            {
                plan.RecordSuccess();
                return (source.Platform.Name, attempts);
            }

            if (!plan.RecordFailure(error).MayRetry)
            {
                break;
            }
        }

        return (null, attempts);
    }

    /// <summary>Runs <paramref name="count"/> requests and counts who answered.</summary>
    public Dictionary<string, int> Distribution(int count, TimeSpan? gap = null)
    {
        var served = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            var name = Send() ?? "(failed)";
            served[name] = served.GetValueOrDefault(name) + 1;
            if (gap is { } by)
            {
                clock.Advance(by);
            }
        }

        return served;
    }
}
