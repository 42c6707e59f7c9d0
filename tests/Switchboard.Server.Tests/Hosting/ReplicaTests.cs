using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Server.Tests.Tenancy;
using Switchboard.Testing;
using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>Runs two gateway processes on one database and checks that a change made on one is served by the other within a second.</summary>
public abstract class ReplicaTests(ITestOutputHelper output)
{
    /// <summary>The promised bound on propagation; the median must be under it. Single changes get more slack on a loaded machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    protected ITestOutputHelper Output { get; } = output;

    protected abstract bool Postgres { get; }

    [Fact]
    public async Task ChangesOnOneReplica_AreServedByTheOther_WithinASecond()
    {
        await using var set = await ReplicaSet.StartAsync(Postgres);
        using var adminA = set.A.CreateClient(ReplicaSet.AdminKey);
        using var adminB = set.B.CreateClient(ReplicaSet.AdminKey);
        var times = new List<(string What, TimeSpan Took)>();

        // Each change is timed from A's answer until B's /readyz shows A's version; then B must behave accordingly.
        async Task Propagates(string what, Func<Task<bool>> behavesOnB)
        {
            var target = await ReadyVersionAsync(set.A);
            times.Add((what, await ReplicaSet.UntilAsync(what + ": B reaches A's version", async () => await ReadyVersionAsync(set.B) >= target)));
            await ReplicaSet.UntilAsync(what, behavesOnB);
        }

        // A virtual key created on A authenticates on B.
        var keys = new List<(long Id, string Key)>();
        for (var i = 0; i < 5; i++)
        {
            var (id, key) = await CreateKeyAsync(adminA, "replica-" + i);
            keys.Add((id, key));
            await Propagates("key created", () => WorksAsync(set.B, key));
        }

        // A key revoked on A is refused on B.
        for (var i = 0; i < 2; i++)
        {
            (await adminA.SendJsonAsync(HttpMethod.Delete, $"api/admin/keys/{keys[i].Id}")).AssertStatus(HttpStatusCode.NoContent);
            using var onB = set.B.CreateClient(keys[i].Key);
            await Propagates("key revoked", async () => (await onB.GetAsync(new Uri("v1/models", UriKind.Relative))).StatusCode == HttpStatusCode.Unauthorized);
        }

        // A key's limits changed on A apply on B.
        (await adminA.SendJsonAsync(HttpMethod.Put, $"api/admin/keys/{keys[2].Id}", new { rpm = 1 })).AssertStatus(HttpStatusCode.OK);
        using (var limited = set.B.CreateClient(keys[2].Key))
        {
            await Propagates("key limit changed", async () =>
            {
                var answer = await limited.ChatAsync("demo");
                return answer.Status == HttpStatusCode.TooManyRequests && answer.ErrorCode == "requests_per_minute_exceeded";
            });
        }

        // A platform and model added on A are routable on B, to the new platform's host with its key.
        (await adminB.ChatAsync("fresh-model")).AssertError(HttpStatusCode.NotFound, "model_not_found");
        (await adminA.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new
        {
            name = "fresh",
            base_url = set.Upstream.BaseUrl + "v1",
            api_key = "sk-fresh-upstream-0123456789",
            models = new Dictionary<string, string> { ["fresh-model"] = "gpt-fresh" },
        })).AssertStatus(HttpStatusCode.Created);
        set.Upstream.Reset();
        await Propagates("platform added", async () => (await adminB.ChatAsync("fresh-model")).Status == HttpStatusCode.OK);
        var sent = Assert.Single(set.Upstream.Requests);
        Assert.Contains("gpt-fresh", System.Text.Encoding.UTF8.GetString(sent.Body), StringComparison.Ordinal);
        Assert.Equal("Bearer sk-fresh-upstream-0123456789", sent.Headers["Authorization"]);

        // A tenancy mode change on A applies on B.
        await adminA.SetModeAsync("multi-fixed");
        await Propagates("tenancy mode", async () => (await adminB.GetJsonAsync("api/admin/tenancy")).Json.GetProperty("mode").GetString() == "multi-fixed");

        // Both serve the same configuration version, and say so on /readyz.
        Assert.Equal(await ReadyVersionAsync(set.A), await ReadyVersionAsync(set.B));

        Report(times);
        var ordered = times.Select(t => t.Took).Order().ToList();
        Assert.True(ordered[ordered.Count / 2] < Bound, $"median propagation {ordered[ordered.Count / 2].TotalMilliseconds:F0} ms is over {Bound.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task KeysTiersAndPrices_TravelToTheOtherReplica_AsRecordedChanges_WithoutAFullLoad()
    {
        await using var set = await ReplicaSet.StartAsync(Postgres);
        using var adminA = set.A.CreateClient(ReplicaSet.AdminKey);
        using var adminB = set.B.CreateClient(ReplicaSet.AdminKey);
        await ReplicaSet.UntilAsync("B starts at A's version", async () => await ReadyVersionAsync(set.B) == await ReadyVersionAsync(set.A));
        var fullLoadsOnB = set.B.CountOutput(LoadedInFull);

        var (id, key) = await CreateKeyAsync(adminA, "recorded");
        await ReplicaSet.UntilAsync("the new key works on B", () => WorksAsync(set.B, key));
        (await adminA.SendJsonAsync(HttpMethod.Delete, $"api/admin/keys/{id}")).AssertStatus(HttpStatusCode.NoContent);
        await ReplicaSet.UntilAsync("B refuses the revoked key", async () => !await WorksAsync(set.B, key));

        (await adminA.SendJsonAsync(HttpMethod.Put, "api/admin/users/replica_user", new { tier = "free" })).AssertStatus(HttpStatusCode.Created);
        (await adminA.SendJsonAsync(HttpMethod.Put, "api/admin/users/replica_user", new { tier = "gold" })).AssertStatus(HttpStatusCode.OK);
        await ReplicaSet.UntilAsync("B sees the user's new tier", async () =>
        {
            var user = await adminB.GetJsonAsync("api/admin/users/replica_user");
            return user.Status == HttpStatusCode.OK && user.Json.GetProperty("tier").GetString() == "gold";
        });
        (await adminA.SendRawAsync(HttpMethod.Put, "api/admin/tiers/gold", """{"models":["up-model"],"server_keys":true}""")).AssertStatus(HttpStatusCode.OK);
        await ReplicaSet.UntilAsync("B has the new tier rule", async () => (await adminB.GetJsonAsync("api/admin/tiers/gold")).Status == HttpStatusCode.OK);

        var applied = set.B.CountOutput("catalog True");
        var import = await adminA.SendRawAsync(HttpMethod.Post, "api/admin/prices/import",
            """{"gpt-up":{"input_cost_per_token":1.5e-07,"output_cost_per_token":6e-07,"litellm_provider":"openai","mode":"chat"}}""");
        import.AssertStatus(HttpStatusCode.OK);
        await ReplicaSet.UntilAsync("B applies the price change", () => Task.FromResult(set.B.CountOutput("catalog True") > applied));
        await ReplicaSet.UntilAsync("B reaches A's version", async () => await ReadyVersionAsync(set.B) == await ReadyVersionAsync(set.A));
        (await adminB.ChatAsync("up-model")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(fullLoadsOnB, set.B.CountOutput(LoadedInFull));
    }

    /// <summary>The debug line a replica writes when it loads the whole configuration.</summary>
    protected const string LoadedInFull = "loaded in full";

    [Fact]
    public async Task RuntimeMarksOnOneReplica_AreHonouredByTheOther_WithoutCallingTheUpstream()
    {
        await using var set = await ReplicaSet.StartAsync(Postgres);
        using var adminA = set.A.CreateClient(ReplicaSet.AdminKey);
        using var adminB = set.B.CreateClient(ReplicaSet.AdminKey);
        var keyId = (await adminB.GetJsonAsync("api/admin/platform-keys?platform=up")).Json.GetProperty("data")[0].GetProperty("id").GetInt64();
        var times = new List<(string What, TimeSpan Took)>();

        // A 429 on A cools the (key, model) pair: B refuses at once instead of calling the upstream.
        set.Upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", ("Retry-After", "5"));
        (await adminA.ChatAsync("up-model")).AssertError(HttpStatusCode.TooManyRequests);
        set.Upstream.Reset();
        times.Add(("cooldown", await ReplicaSet.UntilAsync("B honours A's cooldown", async () => await KeyStatusAsync(adminB) == "cooling")));
        (await adminB.ChatAsync("up-model")).AssertError(HttpStatusCode.TooManyRequests, "all_sources_cooling");
        Assert.Empty(set.Upstream.Requests);

        // A 401 on A marks the key invalid everywhere; revalidating on B clears it everywhere.
        await ReplicaSet.UntilAsync("the cooldown ends", async () => await KeyStatusAsync(adminA) == "active" && await KeyStatusAsync(adminB) == "active");
        set.Upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 401, """{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}""");
        await ReplicaSet.UntilAsync("A tries the key again", async () =>
            (await adminA.PostAsync(new Uri("v1/chat/completions", UriKind.Relative), JsonContent.Create(new { model = "up-model", messages = new[] { new { role = "user", content = "hi" } } }))).StatusCode == HttpStatusCode.BadGateway);
        set.Upstream.Reset();
        times.Add(("invalid key", await ReplicaSet.UntilAsync("B honours A's invalid mark", async () => await KeyStatusAsync(adminB) == "invalid")));
        var refused = await adminB.PostAsync(new Uri("v1/chat/completions", UriKind.Relative), JsonContent.Create(new { model = "up-model", messages = new[] { new { role = "user", content = "hi" } } }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("no_available_source", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(set.Upstream.Requests);

        set.Upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from upstream"));
        (await adminB.SendJsonAsync(HttpMethod.Post, $"api/admin/platform-keys/{keyId}/revalidate")).AssertStatus(HttpStatusCode.OK);
        times.Add(("revalidated", await ReplicaSet.UntilAsync("A honours B's revalidation", async () => await KeyStatusAsync(adminA) == "active")));
        Assert.Equal(HttpStatusCode.OK, (await adminA.ChatAsync("up-model")).Status);

        Report(times);
        Assert.All(times, t => Assert.True(t.Took < TimeSpan.FromSeconds(5), $"{t.What} took {t.Took.TotalMilliseconds:F0} ms"));
    }

    private static async Task<string?> KeyStatusAsync(HttpClient admin) =>
        (await admin.GetJsonAsync("api/admin/platform-keys?platform=up")).Json.GetProperty("data")[0].GetProperty("status").GetString();

    protected static async Task<(long Id, string Key)> CreateKeyAsync(HttpClient admin, string name)
    {
        var created = (await admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { name })).AssertStatus(HttpStatusCode.Created);
        return (created.Json.GetProperty("id").GetInt64(), created.Json.GetProperty("key").GetString()!);
    }

    protected static async Task<bool> WorksAsync(Infrastructure.GatewayProcess replica, string key)
    {
        using var client = replica.CreateClient(key);
        return (await client.GetAsync(new Uri("v1/models", UriKind.Relative))).StatusCode == HttpStatusCode.OK;
    }

    protected static async Task<long> ReadyVersionAsync(Infrastructure.GatewayProcess replica)
    {
        using var client = replica.CreateClient(null);
        var ready = await client.GetJsonAsync("readyz");
        ready.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("ready", ready.Json.GetProperty("status").GetString());
        return ready.Json.GetProperty("config_version").GetInt64();
    }

    protected void Report(IEnumerable<(string What, TimeSpan Took)> times)
    {
        var list = times.ToList();
        foreach (var (what, took) in list)
        {
            Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(Postgres ? "postgres" : "sqlite")} {what}: {took.TotalMilliseconds:F0} ms"));
        }

        var ordered = list.Select(t => t.Took.TotalMilliseconds).Order().ToList();
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(Postgres ? "postgres" : "sqlite")} propagation over {ordered.Count} changes: median {ordered[ordered.Count / 2]:F0} ms, max {ordered[^1]:F0} ms"));
    }
}
