namespace Switchboard.Simulator;

/// <summary>Holds one simulation run's knobs.</summary>
internal sealed record SimulationSettings
{
    public int Requests { get; init; } = 1_000_000;

    public int Sources { get; init; } = 50;

    public double RequestsPerSecond { get; init; } = 300;

    public int MaxAttempts { get; init; } = 3;

    public TimeSpan AttemptDeadline { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan FirstByteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the number of gateway replicas, each with its own health view; requests alternate between them.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Gets the share of requests that carry a session key (1 of 2,000 sessions).</summary>
    public double SessionShare { get; init; }

    public int InputTokens { get; init; } = 1200;

    public int OutputTokens { get; init; } = 350;

    public int Seed { get; init; } = 7;
}
