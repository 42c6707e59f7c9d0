using Switchboard.Abstractions.Chat;
using Switchboard.Core.Routing;

namespace Switchboard.Simulator;

/// <summary>One simulated client request in flight.</summary>
internal sealed class SimulatedRequest(AttemptPlan plan, long arrivedTicks)
{
    public AttemptPlan Plan { get; } = plan;

    public long ArrivedTicks { get; } = arrivedTicks;

    public AttemptPlan.Enumerator Attempts = plan.GetEnumerator();

    public int SourceIndex { get; set; }

    public UpstreamError? Error { get; set; }
}
