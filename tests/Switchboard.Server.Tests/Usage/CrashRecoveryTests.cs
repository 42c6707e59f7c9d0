using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Usage;

/// <summary>A request a client saw answered keeps its usage record through <c>kill -9</c>: N answered requests, a kill, a restart, exactly N records.</summary>
/// <remarks>Pins catalogue case 8: the writer gathers records for 50 ms before storing them, and a kill in that window lost them.</remarks>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const string AdminKey = "sk-crash-test-admin-key-0123456789";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sb-crash", Guid.NewGuid().ToString("N"));
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, request) => request.Json().RootElement.TryGetProperty("stream", out var s) && s.GetBoolean()
            ? FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["one", " two"]))
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("answered"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "platforms.yaml"), $$"""
            platforms:
              alpha:
                kind: openai
                base_url: {{_upstream.BaseUrl}}v1
                api_key: sk-alpha-upstream-0001
                models: { model-a: upstream-a }
            """);
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task AnsweredRequests_SurviveKill9_AsExactlyOneRecordEach()
    {
        const int answered = 40;
        var environment = new Dictionary<string, string?>
        {
            ["SWITCHBOARD_DATA_DIR"] = _directory,
            ["SWITCHBOARD_ADMIN_KEY"] = AdminKey,
            ["SWITCHBOARD_MASTER_KEY"] = "crash-test-master-key-0123456789abcdef",
            ["SWITCHBOARD_CONFIG"] = Path.Combine(_directory, "platforms.yaml"),

            // The writer would store nothing for 30 s: every record a client saw answered is still only in memory and the write-ahead log.
            ["Switchboard__Usage__WriteDelay"] = "00:00:30",
        };
        int firstId;
        await using (var first = await GatewayProcess.StartAsync(_directory, environment))
        {
            firstId = first.ProcessId;
            using var client = first.CreateClient(AdminKey);
            var responses = await Task.WhenAll(Enumerable.Range(0, answered).Select(i => client.PostAsJsonAsync("v1/chat/completions", new
            {
                model = "model-a",
                stream = i % 4 == 0,
                messages = new[] { new { role = "user", content = $"question {i}" } },
            })));
            foreach (var response in responses)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains(response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "[DONE]" : "answered", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            // Disposing kills the process with SIGKILL: nothing in it runs after this.
        }

        Assert.Equal(0, CountStoredRecords());

        environment["Switchboard__Usage__WriteDelay"] = null;
        await using var restarted = await GatewayProcess.StartAsync(_directory, environment);
        using var admin = restarted.CreateClient(AdminKey);
        var requests = await Poll.UntilAsync(() => StoredRequestsAsync(admin), n => n >= answered, TimeSpan.FromSeconds(60));
        Assert.Equal(answered, requests);

        // Nothing is replayed twice: the count stays put, and each request id is there once.
        await Task.Delay(1_000);
        Assert.Equal(answered, await StoredRequestsAsync(admin));
        Assert.Equal(answered, CountStoredRecords());
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(_directory, "usage-wal")), f => Path.GetFileName(f).StartsWith($"usage-{firstId}-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReservationHeldByAKilledProcess_IsGivenBack_SoTheBudgetIsNotBlocked()
    {
        _upstream.Handler = async (ctx, request) =>
        {
            if (request.BodyText.Contains("slow", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
            }

            await FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("answered", prompt: 5, completion: 5));
        };
        await File.WriteAllTextAsync(Path.Combine(_directory, "priced.yaml"), PricedGateway.Yaml(_upstream.BaseUrl));
        var environment = new Dictionary<string, string?>
        {
            ["SWITCHBOARD_DATA_DIR"] = _directory,
            ["SWITCHBOARD_ADMIN_KEY"] = AdminKey,
            ["SWITCHBOARD_MASTER_KEY"] = "crash-test-master-key-0123456789abcdef",
            ["SWITCHBOARD_CONFIG"] = Path.Combine(_directory, "priced.yaml"),
            ["Switchboard__Limits__HolderHeartbeat"] = "00:00:00.500",
            ["Switchboard__Limits__HolderTimeout"] = "00:00:02",
        };
        string key;
        await using (var first = await GatewayProcess.StartAsync(_directory, environment))
        {
            using var admin = first.CreateClient(AdminKey);
            var created = await admin.PostAsJsonAsync("api/admin/keys", new { name = "tiny", budget = 0.001, budget_period = "total" });
            using (var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()))
            {
                key = body.RootElement.GetProperty("key").GetString()!;
            }

            // Its worst case ($0.002) is more than the budget: it reserves the whole remainder, then the process dies with it.
            using var client = first.CreateClient(key);
            _ = client.PostAsJsonAsync("v1/chat/completions", new { model = "priced", max_tokens = 1000, messages = new[] { new { role = "user", content = "slow" } } });
            await Poll.UntilAsync(() => _upstream.Requests.Count == 1, "the request upstream");
        }

        await using var restarted = await GatewayProcess.StartAsync(_directory, environment);
        using var user = restarted.CreateClient(key);
        var answered = await Poll.UntilAsync(
            async () => (await user.PostAsJsonAsync("v1/chat/completions", new { model = "priced", max_tokens = 10, messages = new[] { new { role = "user", content = "quick" } } })).StatusCode,
            status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, answered);
    }

    private static async Task<long> StoredRequestsAsync(HttpClient admin)
    {
        using var document = JsonDocument.Parse(await admin.GetStringAsync("api/v1/status/usage?period=total"));
        return document.RootElement.GetProperty("totals").GetProperty("requests").GetInt64();
    }

    private long CountStoredRecords()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "switchboard.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT request_id) FROM usage_records";
        return (long)command.ExecuteScalar()!;
    }
}
