using System.Globalization;

namespace Switchboard.Simulator;

/// <summary>Holds what one strategy achieved over one simulation run.</summary>
internal sealed record StrategyReport
{
    public required string Strategy { get; init; }

    public long Requests { get; init; }

    public long Succeeded { get; init; }

    public long Attempts { get; init; }

    public long FellBack { get; init; }

    public decimal Cost { get; init; }

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double TopSourceShare { get; init; }

    public long Ejections { get; init; }

    public TimeSpan Wall { get; init; }

    public IReadOnlyDictionary<string, long> Failures { get; init; } = new Dictionary<string, long>();

    public string FailureSummary => string.Join(", ", Failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value:N0}"));

    public static string Header =>
        "| strategy | requests | success % | attempts/req | fallback % | p50 ms | p95 ms | p99 ms | cost $ | $/1k req | top source % | ejections | wall s |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    public string Row => string.Create(CultureInfo.InvariantCulture,
        $"| {Strategy} | {Requests:N0} | {100.0 * Succeeded / Requests:0.000} | {(double)Attempts / Requests:0.000} | {100.0 * FellBack / Requests:0.00} | {P50Ms:0} | {P95Ms:0} | {P99Ms:0} | {Cost:0.00} | {Cost * 1000 / Requests:0.0000} | {100 * TopSourceShare:0.0} | {Ejections:N0} | {Wall.TotalSeconds:0.0} |");
}
