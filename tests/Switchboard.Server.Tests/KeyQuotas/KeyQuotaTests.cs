using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Routing.Quotas;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.KeyQuotas;

/// <summary>Checks per-key quotas end to end: a spent key is skipped for the next key, all spent is a 429 until the window rolls, the threshold alert is raised once.</summary>
public sealed class KeyQuotaTests : IAsyncLifetime
{
    // Each answer reports 11 prompt + 7 completion tokens, so one request spends a 10-token quota.
    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        _host = await GatewayHost.StartAsync($$"""
            platforms:
              pool:
                kind: openai
                base_url: {{_upstream.BaseUrl}}v1
                keys:
                  - { key: sk-first-key-0001, priority: 0, quota: { tokens: 10, period: day } }
                  - { key: sk-second-key-0002, priority: 1, quota: { tokens: 10, cost: 5, period: day } }
                models: { chat: gpt-x }
            """,
            settings: new Dictionary<string, string?> { ["Switchboard:Alerts:EvaluationInterval"] = "00:00:00" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task SpentKey_NextRequestUsesTheSecondKey_BothSpentIs429UntilTheDayRollsOver()
    {
        using var client = _host.CreateClient();

        (await ChatAsync(client)).EnsureSuccessStatusCode();
        Assert.Equal("Bearer sk-first-key-0001", _upstream.LastRequest.Header("Authorization"));

        (await ChatAsync(client)).EnsureSuccessStatusCode();
        Assert.Equal("Bearer sk-second-key-0002", _upstream.LastRequest.Header("Authorization"));

        var refused = await ChatAsync(client);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(2, _upstream.Requests.Count);
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("all_sources_cooling", error.GetProperty("code").GetString());
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        var untilMidnight = DateTimeOffset.UtcNow.Date.AddDays(1) - DateTimeOffset.UtcNow.UtcDateTime;
        Assert.InRange(retryAfter.TotalSeconds, untilMidnight.TotalSeconds - 60, untilMidnight.TotalSeconds + 1);
    }

    [Fact]
    public async Task Consumption_IsSettledIntoTheSharedCountersAndShownByTheAdminApi()
    {
        using var client = _host.CreateClient();
        (await ChatAsync(client)).EnsureSuccessStatusCode();
        await _host.Services.GetRequiredService<KeyQuotaService>().SettleAsync();
        var first = await KeyIdAsync("0001");

        var window = DateTimeOffset.UtcNow.UtcDateTime.Date;
        var stored = Assert.Single(await _host.Services.GetRequiredService<IKeyQuotaStore>().GetKeyUsageAsync([(first, new DateTimeOffset(window))], CancellationToken.None));
        Assert.Equal(18, stored.Tokens);

        var view = await client.GetFromJsonAsync<JsonElement>($"api/admin/platform-keys/{first}/quota");
        Assert.Equal("pool", view.GetProperty("platform").GetString());
        Assert.DoesNotContain("sk-first-key-0001", view.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(10, view.GetProperty("quota").GetProperty("tokens").GetInt64());
        Assert.Equal("day", view.GetProperty("quota").GetProperty("period").GetString());
        Assert.Equal(18, view.GetProperty("usage").GetProperty("tokens_used").GetInt64());
        Assert.True(view.GetProperty("usage").GetProperty("exhausted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/admin/platform-keys/999999/quota")).StatusCode);
    }

    [Fact]
    public async Task RaisingASpentQuotaOverTheAdminApi_PutsTheKeyBackAtOnce()
    {
        using var client = _host.CreateClient();
        (await ChatAsync(client)).EnsureSuccessStatusCode();
        var first = await KeyIdAsync("0001");

        var raised = await client.PutAsJsonAsync($"api/admin/platform-keys/{first}/quota", new { tokens = 1000, period = "week" });
        raised.EnsureSuccessStatusCode();
        var view = await raised.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("week", view.GetProperty("quota").GetProperty("period").GetString());
        Assert.False(view.GetProperty("usage").GetProperty("exhausted").GetBoolean());

        (await ChatAsync(client)).EnsureSuccessStatusCode();
        Assert.Equal("Bearer sk-first-key-0001", _upstream.LastRequest.Header("Authorization"));

        var removed = await client.DeleteAsync($"api/admin/platform-keys/{first}/quota");
        Assert.Equal(JsonValueKind.Null, (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quota").ValueKind);

        foreach (var (body, param) in new (object, string)[] { (new { tokens = -1 }, "tokens"), (new { cost = -2 }, "cost"), (new { tokens = 5, period = "total" }, "period"), (new { tokens = "many" }, "tokens") })
        {
            var bad = await client.PutAsJsonAsync($"api/admin/platform-keys/{first}/quota", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(param, (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("param").GetString());
        }
    }

    [Fact]
    public async Task CrossingTheThreshold_RaisesOneKeyQuotaAlertPerKey_NotOnePerRequest()
    {
        using var client = _host.CreateClient();
        (await ChatAsync(client)).EnsureSuccessStatusCode();
        var first = await KeyIdAsync("0001");

        var raised = await EvaluateAsync(client);
        var alert = Assert.Single(raised);
        Assert.Equal("key_quota_threshold", alert.GetProperty("kind").GetString());
        Assert.Equal($"pool#{first}", alert.GetProperty("subject").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());

        (await ChatAsync(client)).EnsureSuccessStatusCode();
        await ChatAsync(client);
        var second = await KeyIdAsync("0002");
        var next = Assert.Single(await EvaluateAsync(client));
        Assert.Equal($"pool#{second}", next.GetProperty("subject").GetString());
        Assert.Empty(await EvaluateAsync(client));

        var listed = (await client.GetFromJsonAsync<JsonElement>("api/admin/alerts")).GetProperty("data").EnumerateArray()
            .Where(a => a.GetProperty("kind").GetString() == "key_quota_threshold").ToList();
        Assert.Equal(2, listed.Count);
    }

    private static Task<HttpResponseMessage> ChatAsync(HttpClient client) =>
        client.PostAsJsonAsync("v1/chat/completions", new { model = "chat", messages = new[] { new { role = "user", content = "hi" } } });

    private static async Task<List<JsonElement>> EvaluateAsync(HttpClient client) =>
        [.. (await (await client.PostAsync("api/admin/alerts/evaluate", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray()
            .Where(a => a.GetProperty("kind").GetString() == "key_quota_threshold")];

    private async Task<long> KeyIdAsync(string suffix) =>
        (await _host.Services.GetRequiredService<ISwitchboardStore>().LoadAsync(CancellationToken.None)).Keys.Single(k => k.Masked.EndsWith(suffix, StringComparison.Ordinal)).Id;
}
