using Switchboard.Abstractions.Chat;
using Switchboard.Core.Routing;

namespace Switchboard.Simulator;

/// <summary>One run's mutable state: the event queue, provider-side rate windows and the tallies.</summary>
internal sealed class SimulationRun(Scenario scenario, SimulationSettings settings, VirtualClock clock, RoutingState[] registries, CatalogEntry model)
{
    private readonly PriorityQueue<SimulatedRequest, long> _completions = new();
    private readonly Random _traffic = new(settings.Seed * 31);
    private readonly Random _noise = new(settings.Seed * 17);
    private readonly Dictionary<long, (long Window, int Count)> _rateWindows = [];
    private readonly int[] _inFlight = new int[scenario.Sources.Count];
    private readonly long _start = clock.Ticks;

    public float[] Latencies { get; } = new float[settings.Requests];

    public int LatencyCount { get; private set; }

    public long[] Served { get; } = new long[scenario.Sources.Count];

    public long Succeeded { get; private set; }

    public long Attempts { get; private set; }

    public long FellBack { get; private set; }

    public decimal Cost { get; private set; }

    /// <summary>Gets why failed requests failed: the last error kind, or "no source" when none was admitted.</summary>
    public Dictionary<string, long> Failures { get; } = [];

    public void Execute()
    {
        var issued = 0;
        var nextArrival = clock.Ticks;
        while (issued < settings.Requests || _completions.Count > 0)
        {
            var arrival = issued < settings.Requests ? nextArrival : long.MaxValue;
            if (_completions.TryPeek(out var pending, out var due) && due <= arrival)
            {
                _completions.Dequeue();
                clock.MoveTo(due);
                Complete(pending);
                continue;
            }

            clock.MoveTo(arrival);
            Begin(issued++);
            nextArrival += (long)(-Math.Log(1 - _traffic.NextDouble()) / settings.RequestsPerSecond * TimeSpan.TicksPerSecond);
        }
    }

    private void Begin(int number)
    {
        var registry = registries[number % registries.Length];
        var session = _traffic.NextDouble() < settings.SessionShare ? $"s{_traffic.Next(2000)}" : null;
        var plan = new AttemptPlan(registry, settings.MaxAttempts);
        AttemptPlanner.Plan(model, plan, session, out _);
        var request = new SimulatedRequest(plan, clock.Ticks);
        TryAttempt(request);
    }

    private void TryAttempt(SimulatedRequest request)
    {
        if (!request.Attempts.MoveNext())
        {
            request.Error ??= NoSource;
            Finish(request, served: -1);
            return;
        }

        Attempts++;
        var (source, target) = request.Attempts.Current;
        var index = (int)source.Platform.Config.Id - 1;
        request.SourceIndex = index;
        _inFlight[index]++;
        (request.Error, var duration) = Evaluate(scenario.Sources[index], index, target.StateId);
        _completions.Enqueue(request, clock.Ticks + duration.Ticks);
    }

    private void Complete(SimulatedRequest request)
    {
        _inFlight[request.SourceIndex]--;
        if (request.Error is null)
        {
            request.Plan.RecordSuccess();
            Finish(request, request.SourceIndex);
            return;
        }

        var verdict = request.Plan.RecordFailure(request.Error);
        if (verdict.MayRetry && clock.Ticks - request.ArrivedTicks < settings.AttemptDeadline.Ticks)
        {
            TryAttempt(request);
        }
        else
        {
            Finish(request, served: -1);
        }
    }

    private void Finish(SimulatedRequest request, int served)
    {
        if (served >= 0)
        {
            Succeeded++;
            Served[served]++;
            FellBack += request.Plan.Attempts > 1 ? 1 : 0;
            var profile = scenario.Sources[served];
            Cost += ((settings.InputTokens * profile.InputPrice) + (settings.OutputTokens * profile.OutputPrice)) / 1_000_000m;
            Latencies[LatencyCount++] = (float)TimeSpan.FromTicks(clock.Ticks - request.ArrivedTicks).TotalMilliseconds;
        }
        else
        {
            var reason = request.Error?.Kind.ToString() ?? "none";
            Failures[reason] = Failures.GetValueOrDefault(reason) + 1;
        }

        request.Plan.Dispose();
    }

    private (UpstreamError? Error, TimeSpan Duration) Evaluate(SourceProfile profile, int index, long keyId)
    {
        var elapsed = clock.Ticks - _start;
        var slowdown = 1.0;
        if (profile.Dead)
        {
            return (Refused, TimeSpan.FromMilliseconds(3));
        }

        foreach (var episode in profile.Episodes)
        {
            if (elapsed < episode.StartTicks || elapsed >= episode.EndTicks)
            {
                continue;
            }

            switch (episode.Kind)
            {
                case EpisodeKind.ServerErrors:
                    return (ServerError, TimeSpan.FromMilliseconds(300));
                case EpisodeKind.Overloaded:
                    return (Overloaded, TimeSpan.FromMilliseconds(80));
                case EpisodeKind.Timeouts:
                    return (Timeout, settings.FirstByteTimeout);
                case EpisodeKind.Refused:
                    return (Refused, TimeSpan.FromMilliseconds(3));
                case EpisodeKind.Slowdown:
                    slowdown = episode.Factor;
                    break;
            }
        }

        var window = elapsed / TimeSpan.TicksPerSecond;
        var (seenWindow, count) = _rateWindows.GetValueOrDefault(keyId);
        count = seenWindow == window ? count : 0;
        if (count >= profile.KeyRateLimitPerSecond)
        {
            var retryAfter = TimeSpan.FromSeconds(1 + _noise.Next(0, 3));
            return (new UpstreamError(UpstreamErrorKind.RateLimited, "rate limited") { UpstreamStatus = 429, RetryAfter = retryAfter }, TimeSpan.FromMilliseconds(40));
        }

        _rateWindows[keyId] = (window, count + 1);
        if (_noise.NextDouble() < profile.BackgroundFailureRate)
        {
            return (ServerError, TimeSpan.FromMilliseconds(300));
        }

        // Log-normal jitter around the median, and queueing delay as the provider's concurrency fills up.
        var jitter = Math.Exp(0.3 * Gaussian());
        var load = 1 + (_inFlight[index] / profile.Capacity);
        var latency = profile.BaseLatencyMs * slowdown * jitter * load;
        return latency > settings.FirstByteTimeout.TotalMilliseconds
            ? (Timeout, settings.FirstByteTimeout)
            : (null, TimeSpan.FromMilliseconds(latency));
    }

    private double Gaussian()
    {
        var u1 = 1 - _noise.NextDouble();
        var u2 = _noise.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static readonly UpstreamError ServerError = new(UpstreamErrorKind.ServerError, "internal error") { UpstreamStatus = 500 };
    private static readonly UpstreamError Overloaded = new(UpstreamErrorKind.Overloaded, "overloaded") { UpstreamStatus = 529 };
    private static readonly UpstreamError Timeout = new(UpstreamErrorKind.Timeout, "no first byte in time");
    private static readonly UpstreamError NoSource = new(UpstreamErrorKind.NotFound, "no source admitted");
    private static readonly UpstreamError Refused = new(UpstreamErrorKind.Connection, "connection refused");
}
