using BenchmarkDotNet.Running;
using Switchboard.Benchmarks;

// dotnet run -c Release --project bench/Switchboard.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, BenchConfig.Create());
