using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;
using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Routing;

/// <summary>
/// Runs two real gateways on one database and checks that a cooldown, an invalid-key mark (and its revalidation) and an
/// ejection applied by one are honoured by the other within about a second, without the other calling the upstream first.
/// </summary>
/// <remarks>The SQLite and PostgreSQL subclasses give the pair its database; the waits are bounded polls, and the measured delay is written to the test output.</remarks>
public abstract class SharedRoutingStateTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(15);

    private FakeUpstream _upstream = null!;
    private FakeUpstream _backup = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _backup = await FakeUpstream.StartAsync();
        _backup.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from backup"));
    }

    public virtual async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _backup.DisposeAsync();
    }

    [Fact]
    public async Task RateLimitOnOneGateway_TheOtherSkipsThePairWithoutCallingTheUpstream()
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429, OpenAIFakeResponses.Error("slow down", "rate_limit_error"), ("Retry-After", "120"));
        var yaml = $$"""
            platforms:
              pool:
                kind: openai
                base_url: {{_upstream.BaseUrl}}v1
                api_key: sk-only-key-0001
                models: { chat: gpt-x }
            """;
        await RunPairAsync(yaml, async (first, second) =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await ChatAsync(first)).StatusCode);
            await MeasureAsync("a (key, model) cooldown", async () => await KeyPools.StatusAsync(second, "pool") == "cooling");

            var refused = await ChatAsync(second);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("all_sources_cooling", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
            Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 60, 120);
            Assert.Single(_upstream.Requests);
        });
    }

    [Fact]
    public async Task InvalidKeyOnOneGateway_IsInvalidOnTheOther_AndARevalidationOnTheOtherReachesTheFirst()
    {
        _upstream.Handler = KeyPools.RejectRevokedKey;
        await RunPairAsync(KeyPools.Yaml(_upstream.BaseUrl, "{ chat: gpt-x }"), async (first, second) =>
        {
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(first)).StatusCode);
            await MeasureAsync("an invalid-key mark", async () => await KeyPools.StatusAsync(second, "pool", "0001") == "invalid");

            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(second)).StatusCode);
            Assert.Equal(1, _upstream.Requests.Count(KeyPools.IsRevoked));

            var id = (await KeyPools.KeyAsync(second, "pool", "0001")).GetProperty("id").GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await second.PostAsync($"api/admin/platform-keys/{id}/revalidate", null)).StatusCode);
            await MeasureAsync("a revalidation", async () => await KeyPools.StatusAsync(first, "pool", "0001") == "active");
        });
    }

    [Fact]
    public async Task EjectionOnOneGateway_TheOtherRoutesAroundTheSourceWithoutTryingIt()
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 500, OpenAIFakeResponses.Error("boom", "server_error"));
        await RunPairAsync(TwoSourceTestBase.Yaml(_upstream.BaseUrl, _backup.BaseUrl), async (first, second) =>
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await ChatAsync(first, "shared")).StatusCode);
            }

            Assert.Equal(3, _upstream.Requests.Count);
            await MeasureAsync("an ejection", async () => await SourceHealthAsync(second, "shared", "primary") == "ejected");

            var answer = await ChatAsync(second, "shared");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("1", answer.Headers.GetValues("X-Switchboard-Attempts").Single());
            Assert.Equal(3, _upstream.Requests.Count);
        });
    }

    /// <summary>Starts two gateways on one fresh database, one after the other (the first migrates and seeds it).</summary>
    protected abstract Task<(GatewayHost One, GatewayHost Two)> StartPairAsync(string yaml);

    private static Task<HttpResponseMessage> ChatAsync(HttpClient client, string model = "chat") =>
        client.PostAsJsonAsync("v1/chat/completions", new { model, messages = new[] { new { role = "user", content = "hi" } } });

    private static async Task<string?> SourceHealthAsync(HttpClient client, string model, string platform)
    {
        var catalog = await client.GetFromJsonAsync<JsonElement>("api/admin/catalog");
        var entry = catalog.GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == model);
        return entry.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("platform").GetString() == platform).GetProperty("health").GetString();
    }

    /// <summary>Starts the pair on <paramref name="yaml"/>, runs <paramref name="body"/> with an admin client of each, and stops both.</summary>
    private async Task RunPairAsync(string yaml, Func<HttpClient, HttpClient, Task> body)
    {
        var (one, two) = await StartPairAsync(yaml);
        await using (one)
        await using (two)
        {
            using var first = one.CreateClient();
            using var second = two.CreateClient();
            await body(first, second);
        }
    }

    /// <summary>Polls until the other gateway shows the state, failing after a bounded wait; writes how long it took.</summary>
    private async Task MeasureAsync(string what, Func<Task<bool>> seen)
    {
        var watch = Stopwatch.StartNew();
        while (!await seen())
        {
            Assert.True(watch.Elapsed < MaxWait, $"The other gateway did not honour {what} within {MaxWait.TotalSeconds:0} s.");
            await Task.Delay(25);
        }

        output.WriteLine($"{GetType().Name}: {what} reached the other gateway in {watch.Elapsed.TotalMilliseconds:0} ms.");
    }
}
