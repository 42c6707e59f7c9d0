using System.Net;
using Npgsql;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Server.Tests.Tenancy;
using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>Two gateway processes on one PostgreSQL database: changes travel by LISTEN/NOTIFY, with a periodic check behind it.</summary>
public sealed class PostgresReplicaTests(ITestOutputHelper output) : ReplicaTests(output)
{
    /// <summary>The console line a replica writes when it starts failing to follow changes (once per outage).</summary>
    private const string FailedLine = "Following configuration changes failed";

    /// <summary>The console line a replica writes when it follows changes again.</summary>
    private const string RecoveredLine = "Following configuration changes again";

    protected override bool Postgres => true;

    [Fact]
    public async Task AChangeWhoseAnnouncementIsLost_IsCaughtByThePeriodicCheck()
    {
        await using var set = await ReplicaSet.StartAsync(Postgres, new Dictionary<string, string?> { ["Switchboard__Replicas__PollInterval"] = "00:00:01" });
        using var adminA = set.A.CreateClient(ReplicaSet.AdminKey);
        var (id, key) = await CreateKeyAsync(adminA, "unannounced");
        await ReplicaSet.UntilAsync("the key works on B", () => WorksAsync(set.B, key));

        // Revoke by hand with triggers off (no NOTIFY is sent), and bump the version the way a trigger would.
        await set.ExecutePostgresAsync(
            "SET LOCAL session_replication_role = replica; " +
            "UPDATE virtual_keys SET revoked_at = now() WHERE id = @id; " +
            "UPDATE config_version SET version = version + 1 WHERE id = 1;",
            ("id", id));

        var took = await ReplicaSet.UntilAsync("B refuses the key revoked without an announcement", async () => !await WorksAsync(set.B, key));
        Report([("unannounced revocation", took)]);
        // A, which made no change either, catches up on its own next check: wait for it rather than read once.
        var database = await set.ScalarPostgresAsync("SELECT version FROM config_version WHERE id = 1");
        await ReplicaSet.UntilAsync("A reports the database's version", async () => await ReadyVersionAsync(set.A) == database);
        Assert.Equal(database, await ReadyVersionAsync(set.B));
    }

    [Fact]
    public async Task ARecordedChangeWhoseAnnouncementIsLost_IsCaughtByThePeriodicCheck_AndAppliedWithoutAFullLoad()
    {
        await using var set = await ReplicaSet.StartAsync(Postgres, new Dictionary<string, string?> { ["Switchboard__Replicas__PollInterval"] = "00:00:01" });
        using var adminA = set.A.CreateClient(ReplicaSet.AdminKey);
        var (id, key) = await CreateKeyAsync(adminA, "unannounced-recorded");
        await ReplicaSet.UntilAsync("the key works on B", () => WorksAsync(set.B, key));
        var fullLoadsOnB = set.B.CountOutput(LoadedInFull);

        // Revoke with triggers off (no NOTIFY), then bump the version and record the change the way a writer would.
        await set.ExecutePostgresAsync(
            "SET LOCAL session_replication_role = replica; " +
            "UPDATE virtual_keys SET revoked_at = now() WHERE id = @id; " +
            "UPDATE config_version SET version = version + 1, bumped_by_xact = txid_current() WHERE id = 1; " +
            "INSERT INTO config_changes (version, previous_version, kind, entity_id) SELECT version, version - 1, 'virtual_key', @id::text FROM config_version WHERE id = 1;",
            ("id", id));

        var took = await ReplicaSet.UntilAsync("B refuses the key revoked without an announcement", async () => !await WorksAsync(set.B, key));
        Report([("unannounced recorded revocation", took)]);
        Assert.Equal(fullLoadsOnB, set.B.CountOutput(LoadedInFull));
    }

    [Fact]
    public async Task AReplicaWhoseListenerIsKilled_Reconnects_AndMissesNothing()
    {
        // A minute between checks: within this test only announcements, and the read on reconnecting, can carry a change.
        await using var set = await ReplicaSet.StartAsync(Postgres, new Dictionary<string, string?> { ["Switchboard__Replicas__PollInterval"] = "00:01:00" });
        using var adminA = set.A.CreateClient(ReplicaSet.AdminKey);
        var (_, first) = await CreateKeyAsync(adminA, "before-kill");
        await ReplicaSet.UntilAsync("the first key works on B", () => WorksAsync(set.B, first));
        await ReplicaSet.UntilAsync("both replicas listen", async () => (await ListenerPidsAsync(set)).Count == 2);
        var listeners = await ListenerPidsAsync(set);

        Assert.Equal(2, await set.ScalarPostgresAsync(
            "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'switchboard-config-feed') killed"));
        var (_, whileDown) = await CreateKeyAsync(adminA, "while-reconnecting");

        var caughtUp = await ReplicaSet.UntilAsync("a key made while B's listener was down works on B", () => WorksAsync(set.B, whileDown));
        await ReplicaSet.UntilAsync("B logs that it follows changes again", () => Task.FromResult(set.B.CountOutput(RecoveredLine) == 1));
        await ReplicaSet.UntilAsync("both replicas listen again", async () => (await ListenerPidsAsync(set)).Count == 2);
        var reconnected = await ListenerPidsAsync(set);
        Assert.Empty(reconnected.Intersect(listeners));

        var (_, after) = await CreateKeyAsync(adminA, "after-reconnect");
        var announced = await ReplicaSet.UntilAsync("a key made after the reconnect works on B", () => WorksAsync(set.B, after), TimeSpan.FromSeconds(30));
        Report([("change during reconnect", caughtUp), ("change after reconnect", announced)]);
        Assert.Equal(1, set.B.CountOutput(FailedLine));
    }

    [Fact]
    public async Task WhileItsDatabaseIsUnreachable_AReplicaKeepsServing_AndCatchesUpAfter()
    {
        var target = new NpgsqlConnectionStringBuilder(new Testing.PostgresTestServer().AdminConnectionString);
        await using var proxy = new TcpProxy(target.Host!, target.Port);
        await using var set = await ReplicaSet.StartAsync(Postgres, connectionStringFor: (index, shared) =>
            index == 1 ? new NpgsqlConnectionStringBuilder(shared) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString : shared);
        using var adminA = set.A.CreateClient(ReplicaSet.AdminKey);
        using var adminB = set.B.CreateClient(ReplicaSet.AdminKey);
        var before = await ReadyVersionAsync(set.B);

        proxy.Cut();
        var (_, madeWhileCut) = await CreateKeyAsync(adminA, "while-cut");
        await ReplicaSet.UntilAsync("B notices its database is gone", () => Task.FromResult(set.B.CountOutput(FailedLine) == 1));
        for (var i = 0; i < 5; i++)
        {
            (await adminB.ChatAsync("up-model")).AssertStatus(HttpStatusCode.OK);
            Assert.Equal(before, await ReadyVersionAsync(set.B));
            await Task.Delay(400);
        }

        proxy.Restore();
        var caughtUp = await ReplicaSet.UntilAsync("B serves the key made while it was cut off", () => WorksAsync(set.B, madeWhileCut), TimeSpan.FromSeconds(30));
        Report([("caught up after the database came back", caughtUp)]);
        Assert.Equal(await ReadyVersionAsync(set.A), await ReadyVersionAsync(set.B));
        await ReplicaSet.UntilAsync("B logs that it follows changes again", () => Task.FromResult(set.B.CountOutput(RecoveredLine) == 1));
        Assert.Equal(1, set.B.CountOutput(FailedLine));
    }

    private static async Task<List<long>> ListenerPidsAsync(ReplicaSet set)
    {
        await using var connection = new NpgsqlConnection(set.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'switchboard-config-feed' ORDER BY pid", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var pids = new List<long>();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }
}
