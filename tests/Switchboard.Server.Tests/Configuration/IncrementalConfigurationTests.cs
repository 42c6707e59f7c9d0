using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Switchboard.Abstractions.Pricing;
using Switchboard.Core.Routing;
using Switchboard.Hosting;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Server.Tests.Tenancy;
using Switchboard.Testing;
using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Configuration;

/// <summary>
/// Checks that with 100k virtual keys and 10k users, a new key, a revocation, a key's limits, a user's tier, a tier rule
/// and a price are applied to the runtime view without loading the whole configuration, and that a write that records
/// no change (hand-written SQL) still reaches the view through a full load.
/// </summary>
public abstract class IncrementalConfigurationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Keys = 100_000;
    private const int Users = 10_000;

    private FakeUpstream? _upstream;
    private GatewayHost? _host;

    protected abstract bool Postgres { get; }

    /// <summary>Gets the connection string of a fresh database, or null for the gateway's own SQLite file.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        var connectionString = await CreateDatabaseAsync();
        _host = await GatewayHost.StartAsync(
            $"platforms:\n  up:\n    base_url: {_upstream.BaseUrl}v1\n    api_key: sk-incremental-0123456789\n    models:\n      up-model: gpt-up\n",
            settings: connectionString is null ? null : new Dictionary<string, string?> { ["ConnectionStrings:Switchboard"] = connectionString });
    }

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }

    [Fact]
    public async Task At100kKeysAnd10kUsers_EachChangeIsAppliedWithoutAFullLoad_AndAnUnrecordedWriteStillLoadsInFull()
    {
        var host = _host!;
        var runtime = host.Services.GetRequiredService<SwitchboardRuntime>();
        var snapshots = host.Services.GetRequiredService<SnapshotHolder>();
        using var admin = host.CreateClient();

        // Bulk SQL records no change: the gateway must notice the version moved and load everything once.
        var seeded = Stopwatch.StartNew();
        await ExecuteAsync(SeedSql());
        var seedVersion = await ScalarAsync("SELECT version FROM config_version WHERE id = 1");
        await runtime.ReloadAsync();
        Assert.Equal(seedVersion, runtime.ConfigVersion);
        Assert.True(snapshots.Current.VirtualKeysByHash.Count >= Keys, $"{snapshots.Current.VirtualKeysByHash.Count} keys in the view");
        Assert.True(snapshots.Current.Tenancy.Users.Count >= Users);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {Keys} keys and {Users} users and loaded them in {seeded.ElapsedMilliseconds} ms"));
        var fullLoads = runtime.FullLoads;
        var applied = runtime.AppliedChanges;
        var usable = snapshots.Current.VirtualKeysByHash.Count;

        // A new key authenticates on the next request.
        var created = Stopwatch.StartNew();
        var answer = (await admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { name = "fresh", user_id = "bulk-user-7" })).AssertStatus(HttpStatusCode.Created);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first key created at {Keys} keys: {created.Elapsed.TotalMilliseconds:F1} ms (admin call, cold)"));
        var id = answer.Json.GetProperty("id").GetInt64();
        var key = answer.Json.GetProperty("key").GetString()!;
        using (var caller = host.CreateClient(key))
        {
            Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync(new Uri("v1/models", UriKind.Relative))).StatusCode);
        }

        // A key's limits apply on the next request.
        (await admin.SendJsonAsync(HttpMethod.Put, $"api/admin/keys/{id}", new { rpm = 1 })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(1, snapshots.Current.Tenancy.VirtualKeysById[id].Limits.RequestsPerMinute);

        // A revoked key, new or seeded, is refused on the next request.
        (await admin.SendJsonAsync(HttpMethod.Delete, $"api/admin/keys/{id}")).AssertStatus(HttpStatusCode.NoContent);
        using (var caller = host.CreateClient(key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await caller.GetAsync(new Uri("v1/models", UriKind.Relative))).StatusCode);
        }

        var seededId = await ScalarAsync("SELECT id FROM virtual_keys WHERE hash = 'bulk-hash-4242'");
        Assert.True(snapshots.Current.VirtualKeysByHash.ContainsKey("bulk-hash-4242"));
        (await admin.SendJsonAsync(HttpMethod.Delete, $"api/admin/keys/{seededId}")).AssertStatus(HttpStatusCode.NoContent);
        Assert.False(snapshots.Current.VirtualKeysByHash.ContainsKey("bulk-hash-4242"));
        Assert.NotNull(snapshots.Current.Tenancy.VirtualKeysById[seededId].RevokedAt);

        // A user's tier and a tier rule.
        (await admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/bulk-user-42", new { tier = "gold" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("gold", snapshots.Current.Tenancy.Users["bulk-user-42"].Tier);
        (await admin.SendRawAsync(HttpMethod.Put, "api/admin/tiers/gold", """{"models":["up-model"],"server_keys":true}""")).AssertStatus(HttpStatusCode.OK);
        Assert.Contains(snapshots.Current.Tenancy.Rules.All, r => r.Tier == "gold");

        // A provider price, through the price store and the runtime as the price import does.
        var modelId = snapshots.Current.Models["up-model"].Sources[0].Model.Id;
        await host.Services.GetRequiredService<IPriceStore>().UpdatePlatformModelPricesAsync([new PlatformModelPriceUpdate(modelId, 1.25m, 5m, null, null, null, 128_000)], default);
        await runtime.ReloadAsync();
        Assert.Equal(1.25m, snapshots.Current.Models["up-model"].Sources[0].Model.InputPricePerMillion);
        Assert.Equal(1.25m, snapshots.Current.Tenancy.SourcesByModelId[modelId].Model.InputPricePerMillion);
        (await admin.ChatAsync("up-model")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(fullLoads, runtime.FullLoads);
        Assert.True(runtime.AppliedChanges >= applied + 7, $"{runtime.AppliedChanges - applied} changes applied");
        Assert.Equal(usable - 1, snapshots.Current.VirtualKeysByHash.Count); // the seeded key revoked; the new one came and went

        // Timed for the log only (never asserted): ten more keys, each an admin call that applies its change.
        var times = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var one = Stopwatch.StartNew();
            (await admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { name = "timed-" + i })).AssertStatus(HttpStatusCode.Created);
            times.Add(one.Elapsed.TotalMilliseconds);
        }

        var store = host.Services.GetRequiredService<Switchboard.Abstractions.Storage.ISwitchboardStore>();
        var stores = new List<double>();
        var applies = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var one = Stopwatch.StartNew();
            await store.InsertVirtualKeyAsync(new Switchboard.Abstractions.Configuration.VirtualKeyRecord { Hash = "timed-hash-" + i, Masked = "sb-...timed", UserId = "-1", Role = "user" }, default);
            stores.Add(one.Elapsed.TotalMilliseconds);
            one.Restart();
            await runtime.ReloadAsync();
            applies.Add(one.Elapsed.TotalMilliseconds);
        }

        stores.Sort();
        applies.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store one key: median {stores[5]:F1} ms; apply it: median {applies[5]:F1} ms"));
        times.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"create key at {Keys} keys ({(Postgres ? "postgres" : "sqlite")}): median {times[5]:F1} ms, max {times[^1]:F1} ms over 10 admin calls"));
        Assert.Equal(fullLoads, runtime.FullLoads);

        // A write that records no change leaves a version no recorded change covers: one full load, and it is seen.
        await ExecuteAsync("UPDATE users SET tier = 'silver' WHERE id = 'bulk-user-43'");
        await runtime.ReloadAsync();
        Assert.Equal("silver", snapshots.Current.Tenancy.Users["bulk-user-43"].Tier);
        Assert.Equal(fullLoads + 1, runtime.FullLoads);
        Assert.Equal(await ScalarAsync("SELECT version FROM config_version WHERE id = 1"), runtime.ConfigVersion);
    }

    private string SeedSql() => Postgres
        ? $"""
            INSERT INTO users (id, tier, created_at, updated_at) SELECT 'bulk-user-' || i, 'free', now(), now() FROM generate_series(1, {Users}) AS i;
            INSERT INTO virtual_keys (hash, masked, name, user_id, created_at) SELECT 'bulk-hash-' || i, 'sb-...bulk', 'bulk', 'bulk-user-' || (i % {Users} + 1), now() FROM generate_series(1, {Keys}) AS i;
            """
        : $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Users})
            INSERT INTO users (id, tier, created_at, updated_at) SELECT 'bulk-user-' || i, 'free', 0, 0 FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Keys})
            INSERT INTO virtual_keys (hash, masked, name, user_id, created_at) SELECT 'bulk-hash-' || i, 'sb-...bulk', 'bulk', 'bulk-user-' || (i % {Users} + 1), 0 FROM n;
            """;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Postgres
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(_host!.DataDirectory, "switchboard.db")};Default Timeout=30");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Gets the PostgreSQL connection string (PostgreSQL only).</summary>
    protected virtual string? ConnectionString => null;
}
