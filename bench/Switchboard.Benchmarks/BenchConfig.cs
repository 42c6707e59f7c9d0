using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Switchboard.Benchmarks;

/// <summary>The shared configuration: a short in-process job, memory diagnoser, median and per-event columns.</summary>
/// <remarks>
/// In-process (no generated project to build) with 4 warm-ups and 10 measured iterations of ~200 ms each, so
/// the whole suite (11 benchmarks) runs in about a minute. Passing <c>--job short</c> (or any <c>--job</c>) drops
/// this job for BenchmarkDotNet's own, which builds and launches a separate process per benchmark (slower).
/// </remarks>
public static class BenchConfig
{
    public static IConfig Create(bool withShortInProcessJob = true) => (withShortInProcessJob ? DefaultConfig.Instance.AddJob(ShortInProcess) : DefaultConfig.Instance)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(StatisticColumn.Median, new PerEventColumn(allocations: false), new PerEventColumn(allocations: true))
        .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Nanosecond))
        .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared))
        .WithArtifactsPath(ArtifactsPath());

    private static Job ShortInProcess => Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(4)
        .WithIterationCount(10)
        .WithIterationTime(TimeInterval.FromMilliseconds(200))
        .WithId("InProcessShort");

    /// <summary>Puts reports under bench/results/BenchmarkDotNet (git-ignored), found from the build output upwards.</summary>
    private static string ArtifactsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Switchboard.slnx")))
            {
                return Path.Combine(dir.FullName, "bench", "results", "BenchmarkDotNet");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
    }
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
