using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Routing;

/// <summary>
/// Checks over HTTP that a failure blames the right scope: a 429 on one model leaves the key's other models working,
/// an account-wide 429 cools the whole key, a 401 marks the key invalid (visible in the admin API, one alert, the pool
/// carries on) until an admin revalidates it, and the client's Retry-After is the cooldown actually applied.
/// </summary>
public sealed class BlameScopeTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await FakeUpstream.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task RateLimitOnModelA_ModelBOnTheSameKeyStillAnswers_TheKeyReadsActive()
    {
        _upstream.Handler = (ctx, r) => r.Json().RootElement.GetProperty("model").GetString() == "gpt-a"
            ? FakeUpstream.Json(ctx, 429, OpenAIFakeResponses.Error("Rate limit reached for gpt-a", "rate_limit_error", "rate_limit_exceeded"), ("Retry-After", "30"))
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from b"));
        await using var host = await GatewayHost.StartAsync(OneKeyTwoModels("openai", "v1"));
        using var client = host.CreateClient();

        var first = await ChatAsync(client, "a");
        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal("rate_limit_exceeded", await CodeAsync(first));

        for (var i = 0; i < 3; i++)
        {
            var other = await ChatAsync(client, "b");
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        var again = await ChatAsync(client, "a");
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal("all_sources_cooling", await CodeAsync(again));
        Assert.InRange(again.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 30);
        Assert.Equal(1, _upstream.Requests.Count(r => r.Json().RootElement.GetProperty("model").GetString() == "gpt-a"));
        Assert.Equal("active", await KeyPools.StatusAsync(client, "pool"));
    }

    [Fact]
    public async Task AccountWideRateLimit_CoolsTheWholeKey_EveryModelWaitsAndTheKeyReadsCooling()
    {
        // Gemini reports a project-wide quota (no model in the violation): the provider flags it account-wide.
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429, """
            {"error":{"code":429,"message":"Quota exceeded for the project.","status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProject-FreeTier"}]},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"40s"}]}}
            """);
        await using var host = await GatewayHost.StartAsync(OneKeyTwoModels("gemini", "v1beta"));
        using var client = host.CreateClient();

        Assert.Equal("rate_limit_exceeded", await CodeAsync(await ChatAsync(client, "a")));
        var other = await ChatAsync(client, "b");

        Assert.Equal(HttpStatusCode.TooManyRequests, other.StatusCode);
        Assert.Equal("all_sources_cooling", await CodeAsync(other));
        Assert.Single(_upstream.Requests);
        var key = await KeyPools.KeyAsync(client, "pool");
        Assert.Equal("cooling", key.GetProperty("status").GetString());
        Assert.InRange(key.GetProperty("cooldown_remaining_seconds").GetDouble(), 1, 40);
    }

    [Fact]
    public async Task Unauthorized_KeyIsInvalidInTheAdminApi_OneAlert_PoolCarriesOn_RevalidateTriesItAgain()
    {
        _upstream.Handler = KeyPools.RejectRevokedKey;
        await using var host = await GatewayHost.StartAsync(
            KeyPools.Yaml(_upstream.BaseUrl, "{ a: gpt-a, b: gpt-b }"),
            settings: new Dictionary<string, string?> { ["Switchboard:Alerts:EvaluationInterval"] = "00:00:00" });
        using var client = host.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            var response = await ChatAsync(client, i % 2 == 0 ? "a" : "b");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, _upstream.Requests.Count(KeyPools.IsRevoked));
        var revoked = await KeyPools.KeyAsync(client, "pool", "0001");
        Assert.Equal(("invalid", "Authentication (HTTP 401)"), (revoked.GetProperty("status").GetString(), revoked.GetProperty("reason").GetString()));
        Assert.Equal("active", await KeyPools.StatusAsync(client, "pool", "0002"));
        var listing = await client.GetStringAsync("api/ai/admin/sys-platforms");
        Assert.Contains("\"status\":\"invalid\"", listing, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyPools.RevokedKey, listing, StringComparison.Ordinal);
        var invalidOnly = await client.GetFromJsonAsync<JsonElement>("api/admin/platform-keys?status=invalid");
        Assert.Single(invalidOnly.GetProperty("data").EnumerateArray());

        var raised = await EvaluateAlertsAsync(client);
        var alert = Assert.Single(raised, a => a.GetProperty("kind").GetString() == "invalid_key");
        Assert.DoesNotContain(KeyPools.RevokedKey, alert.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(await EvaluateAlertsAsync(client), a => a.GetProperty("kind").GetString() == "invalid_key");
        var stored = await client.GetFromJsonAsync<JsonElement>("api/admin/alerts");
        Assert.Single(stored.GetProperty("data").EnumerateArray(), a => a.GetProperty("kind").GetString() == "invalid_key");

        var id = revoked.GetProperty("id").GetInt64();
        var revalidated = await client.PostAsync($"api/admin/platform-keys/{id}/revalidate", null);
        Assert.Equal(HttpStatusCode.OK, revalidated.StatusCode);
        var view = await revalidated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(view.GetProperty("was_invalid").GetBoolean());
        Assert.Equal("active", view.GetProperty("key").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(client, "a")).StatusCode);
        Assert.Equal(2, _upstream.Requests.Count(KeyPools.IsRevoked));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("api/admin/platform-keys/999999/revalidate", null)).StatusCode);
    }

    [Fact]
    public async Task OnlyKeyInvalid_FirstRequestIs502AuthFailed_ThenNoAvailableSourceWithoutCallingTheUpstream()
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 401, OpenAIFakeResponses.Error("Incorrect API key provided", "invalid_request_error", "invalid_api_key"));
        await using var host = await GatewayHost.StartAsync(OneKeyTwoModels("openai", "v1"));
        using var client = host.CreateClient();

        var refused = await ChatAsync(client, "a");
        var later = await ChatAsync(client, "b");

        Assert.Equal((HttpStatusCode.BadGateway, "upstream_auth_failed"), (refused.StatusCode, await CodeAsync(refused)));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "no_available_source"), (later.StatusCode, await CodeAsync(later)));
        Assert.Null(later.Headers.RetryAfter);
        Assert.Single(_upstream.Requests);
        Assert.Equal("invalid", await KeyPools.StatusAsync(client, "pool"));
    }

    [Fact]
    public async Task RetryAfterOfADay_ClientIsToldTheCapActuallyApplied_BothOnThe429AndWhileCooling()
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429, OpenAIFakeResponses.Error("Come back tomorrow", "rate_limit_error"), ("Retry-After", "86400"));
        await using var host = await GatewayHost.StartAsync(OneKeyTwoModels("openai", "v1"));
        using var client = host.CreateClient();

        var limited = await ChatAsync(client, "a");
        var cooling = await ChatAsync(client, "a");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(300), limited.Headers.RetryAfter!.Delta);
        Assert.Equal("all_sources_cooling", await CodeAsync(cooling));
        Assert.InRange(cooling.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 240, 300);
        Assert.Single(_upstream.Requests);
    }

    private string OneKeyTwoModels(string kind, string path) =>
        $$"""
        platforms:
          pool:
            kind: {{kind}}
            base_url: {{_upstream.BaseUrl}}{{path}}
            api_key: sk-only-key-0001
            models: { a: {{(kind == "gemini" ? "gemini-a" : "gpt-a")}}, b: {{(kind == "gemini" ? "gemini-b" : "gpt-b")}} }
        """;

    private static Task<HttpResponseMessage> ChatAsync(HttpClient client, string model) =>
        client.PostAsJsonAsync("v1/chat/completions", new { model, messages = new[] { new { role = "user", content = "hi" } } });

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString();

    private static async Task<JsonElement[]> EvaluateAlertsAsync(HttpClient client)
    {
        var response = await client.PostAsync("api/admin/alerts/evaluate", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray()];
    }
}
