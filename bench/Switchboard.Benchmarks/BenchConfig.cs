using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Switchboard.Benchmarks;

/// <summary>The shared configuration: a short in-process job, memory diagnoser, median and per-event columns.</summary>
/// <remarks>
/// In-process (no generated project to build) with 3 warm-ups and 8 measured iterations of ~100 ms each, so
/// the whole suite runs in about two minutes. Pass <c>--job short</c> or <c>--job default</c> to
/// override; those build a separate project per benchmark and take much longer.
/// </remarks>
public static class BenchConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithId("InProcessShort")
            .AsDefault())
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(StatisticColumn.Median, new PerEventColumn(allocations: false), new PerEventColumn(allocations: true))
        .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Nanosecond))
        .WithOptions(ConfigOptions.JoinSummary);
}

/// <summary>Marks a benchmark that processes one whole recorded stream of <see cref="Count"/> events.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EventsAttribute(int count) : Attribute
{
    public int Count { get; } = count;
}

/// <summary>Shows the median time or the allocation of a whole-stream benchmark divided by its event count.</summary>
internal sealed class PerEventColumn(bool allocations) : IColumn
{
    public string Id => allocations ? "AllocPerEvent" : "MedianPerEvent";

    public string ColumnName => allocations ? "Alloc/event" : "Median/event";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => allocations ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => allocations ? UnitType.Size : UnitType.Time;

    public string Legend => allocations
        ? "Bytes allocated per upstream event (whole-stream benchmarks only)"
        : "Median time per upstream event (whole-stream benchmarks only)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var events = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<EventsAttribute>()?.Count ?? 0;
        var report = summary[benchmarkCase];
        if (events == 0 || report?.ResultStatistics is not { } statistics)
        {
            return "-";
        }

        if (!allocations)
        {
            return $"{statistics.Median / events:N1} ns";
        }

        var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return bytes is { } b ? $"{(double)b / events:N0} B" : "?";
    }
}
