using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Limits;
using Switchboard.Core.Tenancy;
using Switchboard.Storage;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Limits;

/// <summary>Gateway replicas reduced to their limit gates: each gate has its own store (its own connections) on one shared SQLite or PostgreSQL database.</summary>
internal sealed class LimitReplicas : IAsyncDisposable
{
    private readonly List<SwitchboardDatabase> _stores = [];
    private readonly PostgresTestServer? _postgres;
    private readonly string _name;
    private readonly string? _directory;

    private LimitReplicas(PostgresTestServer? postgres, string name, string connectionString, string? directory, TimeProvider clock)
    {
        _postgres = postgres;
        _name = name;
        _directory = directory;
        ConnectionString = connectionString;
        Clock = clock;
    }

    public string ConnectionString { get; }

    public TimeProvider Clock { get; }

    /// <summary>Creates an empty, migrated database; the clock is frozen at now, so every request falls in one minute.</summary>
    public static async Task<LimitReplicas> CreateAsync(bool postgres)
    {
        var name = "sb_leases_" + Guid.NewGuid().ToString("N")[..12];
        var clock = new FrozenClock(DateTimeOffset.UtcNow);
        LimitReplicas replicas;
        if (postgres)
        {
            var server = new PostgresTestServer();
            replicas = new LimitReplicas(server, name, await server.CreateDatabaseAsync(name), null, clock);
        }
        else
        {
            var directory = Path.Combine(Path.GetTempPath(), name);
            Directory.CreateDirectory(directory);
            replicas = new LimitReplicas(null, name, $"Data Source={Path.Combine(directory, "switchboard.db")}", directory, clock);
        }

        await using var migrator = SwitchboardStorage.Create(replicas.ConnectionString);
        await migrator.MigrateAsync(CancellationToken.None);
        return replicas;
    }

    /// <summary>Opens a store of its own on the shared database.</summary>
    public SwitchboardDatabase OpenStore()
    {
        var store = SwitchboardStorage.Create(ConnectionString);
        _stores.Add(store);
        return store;
    }

    /// <summary>Starts a replica's gate over a store of its own, on the frozen clock unless another is given.</summary>
    public LimitGate StartGate(LimitOptions options, TimeProvider? clock = null) =>
        new(OpenStore().Limits, Options.Create(new TenancyOptions()), clock ?? Clock, NullLogger<LimitGate>.Instance, Options.Create(options));

    /// <summary>Reads a scope's counters in the frozen clock's windows.</summary>
    public Task<LimitCounters> CountersAsync(string scope, BudgetPeriod period = BudgetPeriod.Day)
    {
        var now = Clock.GetUtcNow();
        return _stores[0].Limits.GetCountersAsync(scope, LimitWindows.BudgetStart(period, now), LimitWindows.MinuteStart(now), CancellationToken.None);
    }

    /// <summary>A usage record with the given price and tokens, as the pipeline settles a request with.</summary>
    public static UsageRecord Record(decimal price, long tokens = 0) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        RequestedModel = "priced",
        UserPrice = price,
        Tokens = default(TokenUsage) with { InputTokens = tokens },
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DropDatabaseAsync(_name);
        }
        else if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
