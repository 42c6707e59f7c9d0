using System.Globalization;
using Switchboard.Core.Routing.Strategies;
using Switchboard.Simulator;

// Usage: dotnet run -c Release --project bench/Switchboard.Simulator -- [--requests N] [--sources N] [--rps N]
//        [--strategy name|all] [--replicas N] [--sessions share] [--seed N]
var settings = new SimulationSettings();
var strategies = new List<string>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = args[i + 1];
    settings = args[i] switch
    {
        "--requests" => settings with { Requests = int.Parse(value, CultureInfo.InvariantCulture) },
        "--sources" => settings with { Sources = int.Parse(value, CultureInfo.InvariantCulture) },
        "--rps" => settings with { RequestsPerSecond = double.Parse(value, CultureInfo.InvariantCulture) },
        "--replicas" => settings with { Replicas = int.Parse(value, CultureInfo.InvariantCulture) },
        "--sessions" => settings with { SessionShare = double.Parse(value, CultureInfo.InvariantCulture) },
        "--seed" => settings with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
        _ => settings,
    };
    if (args[i] == "--strategy" && value != "all")
    {
        strategies.Add(value);
    }
}

if (strategies.Count == 0)
{
    strategies.AddRange([RoutingStrategies.Priority, RoutingStrategies.Cost, RoutingStrategies.RoundRobin, RoutingStrategies.Weighted,
        RoutingStrategies.Health, RoutingStrategies.Latency, RoutingStrategies.LeastBusy]);
}

var duration = TimeSpan.FromSeconds(settings.Requests / settings.RequestsPerSecond);
var scenario = Scenario.Generate(settings.Sources, duration, settings.Seed);
var episodes = scenario.Sources.Sum(s => s.Episodes.Count);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Switchboard routing simulation: {settings.Requests:N0} requests at {settings.RequestsPerSecond} rps ({duration.TotalMinutes:0} virtual minutes), " +
    $"{settings.Sources} sources ({scenario.Sources.Sum(s => s.Keys)} keys, {episodes} scripted episodes, 1 dead), " +
    $"max {settings.MaxAttempts} attempts, {settings.Replicas} replica(s), sessions {settings.SessionShare:P0}, seed {settings.Seed}."));
Console.WriteLine();
Console.WriteLine(StrategyReport.Header);
var reports = new List<StrategyReport>();
foreach (var strategy in strategies)
{
    var report = new Simulation(scenario, settings).Run(strategy);
    Console.WriteLine(report.Row);
    reports.Add(report);
}

Console.WriteLine();
foreach (var report in reports)
{
    Console.WriteLine($"{report.Strategy}: failed requests by last error: {report.FailureSummary}");
}
