using BenchmarkDotNet.Running;
using Switchboard.Benchmarks;

// dotnet run -c Release --project bench/Switchboard.Benchmarks -- --filter '*'
// Without --job the short in-process job of BenchConfig runs; with --job (short, medium, ...) BenchmarkDotNet's own job does.
var explicitJob = args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, BenchConfig.Create(withShortInProcessJob: !explicitJob));
