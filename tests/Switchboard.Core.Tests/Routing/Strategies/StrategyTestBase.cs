using Switchboard.Abstractions.Chat;
using Switchboard.Core.Routing;

namespace Switchboard.Core.Tests.Routing.Strategies;

/// <summary>Shared helpers for strategy tests: a virtual clock, a seeded random and a driver over a test pool.</summary>
internal static class StrategyTestBase
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly UpstreamError ServerError = new(UpstreamErrorKind.ServerError, "boom") { UpstreamStatus = 500 };

    public static (PlanDriver Driver, ManualTimeProvider Clock) Drive(string? strategy, params SourceSpec[] specs)
    {
        var clock = new ManualTimeProvider(Start);
        var model = RoutingTestData.Pool(strategy, specs);
        var states = new RoutingState(clock, random: new Random(42));
        return (new PlanDriver(model, states, clock), clock);
    }
}
