using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Hosting;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Server.Tests.Tenancy;
using Switchboard.Storage;
using Switchboard.Testing;
using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>Checks, on one in-process gateway, that following the configuration version costs no needless reloads.</summary>
public sealed class ConfigVersionWatcherTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AChangeMadeThroughThisGateway_IsLoadedOnce(bool postgres)
    {
        await using var database = await TestDatabase.CreateAsync(postgres);
        await using var host = await GatewayHost.StartAsync(settings: database.Settings);
        var runtime = host.Services.GetRequiredService<SwitchboardRuntime>();
        using var admin = host.CreateClient();
        var before = runtime.Version;

        (await admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { name = "once" })).AssertStatus(HttpStatusCode.Created);
        var loaded = runtime.ConfigVersion;

        // Longer than an announcement, a coalescing delay and a SQLite poll: the watcher has seen the change by now.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(before + 1, runtime.Version);
        Assert.Equal(loaded, runtime.ConfigVersion);
    }

    [Fact]
    public async Task ABurstOfChangesFromElsewhere_IsLoadedInFewReloads()
    {
        await using var database = await TestDatabase.CreateAsync(postgres: true);
        await using var host = await GatewayHost.StartAsync(settings: database.Settings);
        var runtime = host.Services.GetRequiredService<SwitchboardRuntime>();
        var before = runtime.Version;

        const int Changes = 30;
        await using (var elsewhere = SwitchboardStorage.Create(database.ConnectionString))
        {
            // Thirty transactions at once, each announced on its own.
            await Task.WhenAll(Enumerable.Range(0, Changes).Select(i =>
                elsewhere.Configuration.SetSettingAsync("burst-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "on", "another-replica", CancellationToken.None)));

            var final = (await elsewhere.Configuration.LoadAsync(CancellationToken.None)).ConfigVersion;
            await ReplicaSet.UntilAsync("the gateway reaches the burst's last version", () => Task.FromResult(runtime.ConfigVersion == final));
        }

        var reloads = runtime.Version - before;
        output.WriteLine($"{Changes} changes from elsewhere, {reloads} reloads");
        Assert.InRange(reloads, 1, 5);
    }

    /// <summary>A fresh database for one in-process gateway: a PostgreSQL database, or null settings for the host's own SQLite file.</summary>
    private sealed class TestDatabase : IAsyncDisposable
    {
        private readonly PostgresTestServer? _server;
        private readonly string? _name;

        private TestDatabase(PostgresTestServer? server, string? name, string? connectionString)
        {
            _server = server;
            _name = name;
            ConnectionString = connectionString ?? "";
            Settings = connectionString is null ? null : new Dictionary<string, string?> { ["ConnectionStrings:Switchboard"] = connectionString };
        }

        public string ConnectionString { get; }

        public Dictionary<string, string?>? Settings { get; }

        public static async Task<TestDatabase> CreateAsync(bool postgres)
        {
            if (!postgres)
            {
                return new TestDatabase(null, null, null);
            }

            var server = new PostgresTestServer();
            var name = "sbwatch_" + Guid.NewGuid().ToString("N")[..12];
            return new TestDatabase(server, name, await server.CreateDatabaseAsync(name));
        }

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DropDatabaseAsync(_name!);
            }
        }
    }
}
