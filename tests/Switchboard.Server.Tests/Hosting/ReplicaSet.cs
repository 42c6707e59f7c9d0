using System.Diagnostics;
using Npgsql;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>Two gateway processes on one database (a fresh PostgreSQL database, or one SQLite file), serving a fake OpenAI upstream.</summary>
internal sealed class ReplicaSet : IAsyncDisposable
{
    public const string AdminKey = "sb-replica-admin-key-0123456789";
    public const string UpstreamKey = "sk-upstream-replica-0123456789";
    private const string MasterKey = "replica-test-master-key-0123456789";

    private readonly string _directory;
    private readonly PostgresTestServer? _postgres;
    private readonly string? _databaseName;
    private readonly List<GatewayProcess> _replicas = [];

    private ReplicaSet(string directory, PostgresTestServer? postgres, string? databaseName, string connectionString, FakeUpstream upstream)
    {
        _directory = directory;
        _postgres = postgres;
        _databaseName = databaseName;
        ConnectionString = connectionString;
        Upstream = upstream;
    }

    /// <summary>Gets the connection string both replicas use (unless a test routed one elsewhere).</summary>
    public string ConnectionString { get; }

    public FakeUpstream Upstream { get; }

    public GatewayProcess A => _replicas[0];

    public GatewayProcess B => _replicas[1];

    /// <summary>Creates the database and starts both replicas at once (they migrate and seed concurrently).</summary>
    /// <param name="postgres">True for a fresh PostgreSQL database, false for one SQLite file.</param>
    /// <param name="settings">Extra environment variables for both replicas.</param>
    /// <param name="connectionStringFor">Maps (replica index, shared connection string) to the one that replica uses.</param>
    public static async Task<ReplicaSet> StartAsync(bool postgres, IDictionary<string, string?>? settings = null, Func<int, string, string>? connectionStringFor = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-replicas", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        PostgresTestServer? server = null;
        string? databaseName = null;
        string connectionString;
        if (postgres)
        {
            server = new PostgresTestServer();
            databaseName = "sbreplica_" + Guid.NewGuid().ToString("N")[..12];
            connectionString = await server.CreateDatabaseAsync(databaseName);
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(directory, "shared.db")}";
        }

        var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from upstream"));
        var set = new ReplicaSet(directory, server, databaseName, connectionString, upstream);
        try
        {
            var yaml = Path.Combine(directory, "platforms.yaml");
            await File.WriteAllTextAsync(yaml, $"platforms:\n  up:\n    base_url: {upstream.BaseUrl}v1\n    api_key: {UpstreamKey}\n    models:\n      up-model: gpt-up\n");
            var starts = Enumerable.Range(0, 2).Select(i =>
            {
                var own = Path.Combine(directory, "replica-" + i);
                var environment = new Dictionary<string, string?>
                {
                    ["ConnectionStrings__Switchboard"] = connectionStringFor?.Invoke(i, connectionString) ?? connectionString,
                    ["SWITCHBOARD_DATA_DIR"] = own,
                    ["SWITCHBOARD_CONFIG"] = yaml,
                    ["SWITCHBOARD_ADMIN_KEY"] = AdminKey,
                    ["SWITCHBOARD_MASTER_KEY"] = MasterKey,
                    ["Switchboard__Usage__JournalPath"] = Path.Combine(own, "usage-journal.jsonl"),
                    ["Switchboard__Auth__UnauthenticatedRequestsPerMinute"] = "0", // tests poll with keys that are not known yet
                    ["Logging__LogLevel__Switchboard.Hosting"] = "Debug",
                };
                foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
                {
                    environment[name] = value;
                }

                return GatewayProcess.StartAsync(own, environment);
            }).ToList();
            foreach (var start in starts)
            {
                set._replicas.Add(await start);
            }

            return set;
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs SQL on the shared PostgreSQL database in one transaction.</summary>
    public async Task ExecutePostgresAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Runs a scalar query on the shared PostgreSQL database.</summary>
    public async Task<long> ScalarPostgresAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls <paramref name="condition"/> every 10 ms until it holds and returns how long that took; fails after <paramref name="limit"/>.</summary>
    public static async Task<TimeSpan> UntilAsync(string what, Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        var bound = limit ?? TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            Assert.True(clock.Elapsed < bound, $"{what}: not seen within {bound.TotalSeconds} s");
            await Task.Delay(10);
        }

        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await Upstream.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DropDatabaseAsync(_databaseName!);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
