using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Routing.Log;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.RoutingLog;

/// <summary>Checks that every routed request's decision reaches the routing log and is served, filtered, by the admin API.</summary>
public sealed class RoutingLogTests : TwoSourceTestBase
{
    protected override void ConfigureUpstreams()
    {
        base.ConfigureUpstreams();
        Primary.Handler = (ctx, _) => FakeUpstream.Json(ctx, 500, OpenAIFakeResponses.Error("primary down", "server_error"));
    }

    [Fact]
    public async Task FirstSourceFails_LogShowsCandidatesBothAttemptsAndTheReason()
    {
        using var client = Host.CreateClient();
        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "hi" } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        await FlushAsync();

        var entry = await client.GetFromJsonAsync<JsonElement>($"api/admin/routing-log/{requestId}");

        var keys = (await Host.Services.GetRequiredService<ISwitchboardStore>().LoadAsync(CancellationToken.None)).Keys;
        var primaryKey = keys.Single(k => k.Masked.EndsWith("0001", StringComparison.Ordinal)).Id;
        var secondaryKey = keys.Single(k => k.Masked.EndsWith("0002", StringComparison.Ordinal)).Id;
        Assert.Equal(requestId, entry.GetProperty("request_id").GetString());
        Assert.Equal("shared", entry.GetProperty("model").GetString());
        Assert.Equal("priority", entry.GetProperty("strategy").GetString());
        Assert.Equal(["primary/shared", "secondary/shared"], entry.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("secondary/shared", entry.GetProperty("chosen").GetString());
        Assert.Equal("priority ranked 2 of 2 sources; the others were ejected, cooling or without keys", entry.GetProperty("reason").GetString());
        Assert.False(entry.GetProperty("sticky").GetBoolean());
        Assert.False(entry.GetProperty("panic").GetBoolean());
        Assert.Equal("success", entry.GetProperty("status").GetString());
        Assert.Equal(200, entry.GetProperty("http_status").GetInt32());
        var attempts = entry.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(("primary/shared", primaryKey, "ServerError", "source"), Attempt(attempts[0]));
        Assert.Equal(("secondary/shared", secondaryKey, "success", null), Attempt(attempts[1]));
        Assert.All(attempts, a => Assert.True(a.GetProperty("duration_ms").GetDouble() >= 0));
        Assert.DoesNotContain("sk-primary", entry.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_LoggedWhenTheStreamEnds_WithTheStartedAttempt()
    {
        await Primary.StopAsync();
        using var client = Host.CreateClient();
        using var body = new StringContent(JsonSerializer.Serialize(new { model = "shared", stream = true, messages = new[] { new { role = "user", content = "hi" } } }), Encoding.UTF8, "application/json");
        var response = await client.PostAsync("v1/chat/completions", body);
        Assert.Contains("secondary", await response.Content.ReadAsStringAsync());
        var requestId = response.Headers.GetValues("X-Request-Id").Single();

        var entry = await WaitForEntryAsync(client, requestId);

        Assert.Equal(["primary/shared", "secondary/shared"], entry.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()));
        var outcomes = entry.GetProperty("attempts").EnumerateArray().Select(a => (a.GetProperty("source").GetString(), a.GetProperty("outcome").GetString())).ToList();
        Assert.Equal([("primary/shared", "Connection"), ("secondary/shared", "first_byte")], outcomes);
        Assert.Equal("secondary/shared", entry.GetProperty("chosen").GetString());
        Assert.Equal("success", entry.GetProperty("status").GetString());
    }

    [Fact]
    public async Task List_FiltersByModelAndStatus_AndRejectsBadParameters()
    {
        using var client = Host.CreateClient();
        (await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "1" } } })).EnsureSuccessStatusCode();
        Secondary.Handler = (ctx, _) => FakeUpstream.Json(ctx, 503, OpenAIFakeResponses.Error("busy", "server_error"));
        var failed = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "2" } } });
        Assert.False(failed.IsSuccessStatusCode);
        await FlushAsync();

        var all = await ListAsync(client, "api/admin/routing-log?model=shared");
        Assert.Equal(2, all.Count);
        Assert.Equal(failed.Headers.GetValues("X-Request-Id").Single(), all[0].GetProperty("request_id").GetString());
        var errors = await ListAsync(client, "api/admin/routing-log?status=error&limit=5");
        Assert.Equal("error", Assert.Single(errors).GetProperty("status").GetString());
        Assert.Null(errors[0].GetProperty("chosen").GetString());
        Assert.Empty(await ListAsync(client, "api/admin/routing-log?model=other"));
        Assert.Empty(await ListAsync(client, $"api/admin/routing-log?since={DateTimeOffset.UtcNow.AddMinutes(5):O}".Replace("+", "%2B", StringComparison.Ordinal)));
        Assert.Single(await ListAsync(client, "api/admin/routing-log?limit=1"));

        foreach (var (query, param) in new[] { ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"), ("since=yesterday", "since"), ("until=2026-13-01", "until"), ("status=odd", "status") })
        {
            var bad = await client.GetAsync($"api/admin/routing-log?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var error = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
            Assert.Equal(param, error.GetProperty("param").GetString());
            Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task UnknownRequest_Is404InTheOpenAIShape_AndUserKeysAreForbidden()
    {
        using var admin = Host.CreateClient();
        var missing = await admin.GetAsync("api/admin/routing-log/req_missing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not_found", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());

        var created = await (await admin.PostAsJsonAsync("api/admin/keys", new { user_id = "carol" })).Content.ReadFromJsonAsync<JsonElement>();
        using var user = Host.CreateClient(created.GetProperty("key").GetString());
        var forbidden = await user.GetAsync("api/admin/routing-log");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("permission_error", (await forbidden.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("api/admin/routing-log/req_missing")).StatusCode);
    }

    private static (string?, long?, string?, string?) Attempt(JsonElement attempt) => (
        attempt.GetProperty("source").GetString(),
        attempt.GetProperty("key_id").ValueKind == JsonValueKind.Null ? null : attempt.GetProperty("key_id").GetInt64(),
        attempt.GetProperty("outcome").GetString(),
        attempt.GetProperty("blamed").GetString());

    private Task FlushAsync() => Host.Services.GetRequiredService<RoutingLogWriterService>().FlushAsync();

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string url) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("data").EnumerateArray()];

    /// <summary>Waits for a stream's entry: it is queued when the stream ends, which may be just after the client read the last byte.</summary>
    private async Task<JsonElement> WaitForEntryAsync(HttpClient client, string requestId)
    {
        for (var i = 0; i < 100; i++)
        {
            await FlushAsync();
            var response = await client.GetAsync($"api/admin/routing-log/{requestId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No routing log entry for {requestId}.");
    }
}
