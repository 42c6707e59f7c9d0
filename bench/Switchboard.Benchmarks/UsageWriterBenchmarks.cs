using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Switchboard.Core.Usage;
using Switchboard.Storage;

namespace Switchboard.Benchmarks;

/// <summary>The usage path: the request-side cost of queueing and metering a record, and the writer's sustained rate into SQLite.</summary>
/// <remarks>
/// <see cref="WriterIntoSqlite"/> queues 20,000 fresh records and lets the writer store them in its batches of 2,000
/// (one transaction each) into a file database with WAL, as in production; its time per operation is per record, so
/// records/s = 1e9 / ns. The request-side benchmarks run with the OpenTelemetry SDK and its Prometheus exporter attached and must not allocate.
/// </remarks>
public class UsageWriterBenchmarks
{
    private const int Records = 20_000;
    private readonly UsageQueue _queue = new(capacity: 1_000_000);
    private readonly UsageRecord _sample = Record("sample", 0);
    private readonly List<UsageRecord> _drain = new(4);
    private string _directory = null!;
    private SwitchboardDatabase _database = null!;
    private UsageWriterService _writer = null!;
    private MeterProvider _meters = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "sb-bench-" + Guid.NewGuid().ToString("N"));
        _database = SwitchboardStorage.Create($"Data Source={Path.Combine(_directory, "switchboard.db")}");
        _database.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        _writer = new UsageWriterService(_queue, _database.Usage, NullLogger<UsageWriterService>.Instance);
        _meters = Sdk.CreateMeterProviderBuilder().AddMeter(TelemetryNames.MeterName).AddPrometheusExporter().Build();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _meters.Dispose();
        _writer.Dispose();
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "Writer: 20,000 queued records into SQLite (per record)", OperationsPerInvoke = Records)]
    public async Task WriterIntoSqlite()
    {
        var round = Interlocked.Increment(ref _round);
        for (var i = 0; i < Records; i++)
        {
            _queue.Write(Record($"r{round}-", i));
        }

        await _writer.FlushAsync();
    }

    [Benchmark(Description = "Request side: UsageQueue.Write (never blocks)")]
    public int QueueWrite()
    {
        _queue.Write(_sample);
        return _queue.Drain(_drain, 1);
    }

    [Benchmark(Description = "Request side: GatewayMetrics.RecordRequest with the /metrics exporter")]
    public void RecordMetrics()
    {
        GatewayMetrics.RequestStarted();
        GatewayMetrics.RecordRequest(_sample);
    }

    internal static UsageRecord Record(string prefix, int i) => new()
    {
        RequestId = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Timestamp = DateTimeOffset.UtcNow,
        UserId = "user_" + (i % 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
        VirtualKeyId = 7,
        AgentName = "agent",
        Endpoint = "chat",
        RequestedModel = "gpt-4o",
        CatalogModel = "gpt-4o",
        Platform = "openai",
        Provider = "openai",
        UpstreamModel = "gpt-4o-2024-08-06",
        KeyId = 3,
        Tokens = new TokenUsage(1200, 350, 1000, 0, 120),
        UsageSource = UsageSource.Reported,
        ProviderCost = 0.000123456789m,
        UserPrice = 0.0002m,
        LatencyMs = 812.5,
        TimeToFirstTokenMs = 95.25,
        Attempts = 1,
        Stream = true,
        Status = "success",
        HttpStatus = 200,
    };
}
