using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Core.Usage;
using Switchboard.Storage;

namespace Switchboard.Benchmarks;

/// <summary>Floods a database with usage records through the real queue and writer at a fixed rate, as a background load beside a running gateway.</summary>
/// <remarks>
/// <c>usage-flood --db "Data Source=…" [--rate 25000] [--seconds 20]</c>. Records are offered in 5 ms steps so the rate
/// is even, the writer stores them in its usual batches of 2,000, and at the end it drains what is queued. Prints one
/// machine-readable line: <c>FLOOD_RESULT offered=… persisted=… seconds=… rate=…</c> (rate = persisted records/s).
/// </remarks>
internal static class UsageFlood
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Option(args, "--db") ?? throw new ArgumentException("usage-flood needs --db \"Data Source=path\".");
        var rate = int.Parse(Option(args, "--rate") ?? "25000", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        await using var database = SwitchboardStorage.Create(connection);
        await database.MigrateAsync(CancellationToken.None);
        var queue = new UsageQueue(capacity: 2_000_000);
        using var writer = new UsageWriterService(queue, database.Usage, NullLogger<UsageWriterService>.Instance);
        await writer.StartAsync(CancellationToken.None);
        var prefix = "flood-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var clock = Stopwatch.StartNew();
        long offered = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            while (offered < due)
            {
                queue.Write(UsageWriterBenchmarks.Record(prefix, (int)offered++));
            }

            await Task.Delay(5);
        }

        await writer.StopAsync(CancellationToken.None);
        var elapsed = clock.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"FLOOD_RESULT offered={offered} persisted={writer.Persisted} seconds={elapsed:F2} rate={writer.Persisted / elapsed:F0} overflowed={queue.Overflowed}"));
        return writer.Persisted == offered ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
