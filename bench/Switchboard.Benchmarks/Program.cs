using BenchmarkDotNet.Running;
using Switchboard.Benchmarks;

// dotnet run -c Release --project bench/Switchboard.Benchmarks -- --filter '*'
// Without --job the short in-process job of BenchConfig runs; with --job (short, medium, ...) BenchmarkDotNet's own job does.
// dotnet Switchboard.Benchmarks.dll usage-flood --db "Data Source=…" [--rate N] [--seconds S]: background usage load (bench/load/writer-latency.sh).
if (args.Length > 0 && args[0] == "usage-flood")
{
    return await UsageFlood.RunAsync(args);
}

// dotnet Switchboard.Benchmarks.dll usage-reports --db "Data Source=…" [--records 1000000]: month reports from rollups vs raw records.
if (args.Length > 0 && args[0] == "usage-reports")
{
    return await UsageReportBench.RunAsync(args);
}

var explicitJob = args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, BenchConfig.Create(withShortInProcessJob: !explicitJob));
return 0;
