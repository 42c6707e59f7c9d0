using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Overview;

/// <summary>
/// Checks the usage overview routes over real HTTP after real requests through a fake upstream: the admin overview agrees
/// with the per-request records (counts, tokens, cost, latency samples), ranks models, users and keys, shows the platform's
/// health with its keys masked, a user's own overview has only their records and no provider cost, and every bad
/// parameter is a 400 naming it.
/// </summary>
public sealed class UsageOverviewRouteTests : IAsyncLifetime
{
    private const string FirstSecret = "sk-overview-upstream-secret-0001";
    private const string SecondSecret = "sk-overview-upstream-secret-0002";

    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, request) => request.BodyText.Contains("please fail", StringComparison.Ordinal)
            ? FakeUpstream.Json(ctx, 400, """{"error":{"message":"bad request","type":"invalid_request_error"}}""")
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        _host = await GatewayHost.StartAsync($$"""
            platforms:
              pool:
                kind: openai
                base_url: {{_upstream.BaseUrl}}v1
                keys: [ '{{FirstSecret}}', '{{SecondSecret}}' ]
                models:
                  chat: { model_name: gpt-x, input_price: 2, output_price: 8 }
            """);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task AdminOverview_AgreesWithTheRecords_RanksUsersAndKeys_AndShowsSourceHealthMasked()
    {
        using var admin = _host.CreateClient();
        var (user, userId, keyId) = await CreateUserKeyAsync(admin);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(admin, "hi")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(user, "hi")).StatusCode);
        Assert.False((await ChatAsync(user, "please fail")).IsSuccessStatusCode);
        await _host.FlushUsageAsync();
        var records = (await admin.GetFromJsonAsync<JsonElement>("api/admin/usage/records")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(5, records.Count);

        var response = await admin.GetAsync("api/admin/usage/overview");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(FirstSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SecondSecret, text, StringComparison.Ordinal);
        var overview = JsonDocument.Parse(text).RootElement;

        Assert.Equal(("15m", 900), (overview.GetProperty("bucket").GetString(), overview.GetProperty("bucket_seconds").GetInt32()));
        var to = overview.GetProperty("to").GetDateTimeOffset();
        // The default period is the last 24 h; its end takes in a record of this very millisecond.
        Assert.InRange(to - overview.GetProperty("from").GetDateTimeOffset(), TimeSpan.FromDays(1), TimeSpan.FromDays(1).Add(TimeSpan.FromMilliseconds(1)));
        var summary = overview.GetProperty("summary");
        Assert.Equal((5, 1, 0.2), (summary.GetProperty("requests").GetInt64(), summary.GetProperty("errors").GetInt64(), summary.GetProperty("error_rate").GetDouble()));
        Assert.Equal(records.Sum(r => r.GetProperty("input_tokens").GetInt64()), summary.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(records.Sum(r => r.GetProperty("output_tokens").GetInt64()), summary.GetProperty("completion_tokens").GetInt64());
        var cost = records.Sum(r => r.GetProperty("provider_cost").GetDecimal());
        Assert.True(cost > 0);
        Assert.Equal(cost, summary.GetProperty("provider_cost").GetDecimal());
        Assert.Equal(summary.GetProperty("user_revenue").GetDecimal() - cost, summary.GetProperty("margin").GetDecimal());
        Assert.Equal(4, summary.GetProperty("latency_ms").GetProperty("count").GetInt64());
        var slowest = records.Where(r => r.GetProperty("status").GetString() == "success").Max(r => r.GetProperty("latency_ms").GetDouble());
        Assert.InRange(summary.GetProperty("latency_ms").GetProperty("p95").GetDouble(), 0, slowest);

        // Every 15-minute bucket of the day is there, oldest first, and the requests sit in the last ones.
        var series = overview.GetProperty("series").EnumerateArray().ToList();
        Assert.InRange(series.Count, 96, 97);
        Assert.Equal(series.Select(b => b.GetProperty("start").GetDateTimeOffset()).Order(), series.Select(b => b.GetProperty("start").GetDateTimeOffset()));
        Assert.Equal(5, series.Sum(b => b.GetProperty("requests").GetInt64()));
        Assert.Equal(1, series.Sum(b => b.GetProperty("errors").GetInt64()));
        Assert.Equal(cost, series.Sum(b => b.GetProperty("provider_cost").GetDecimal()));
        Assert.Contains(series, b => b.GetProperty("latency_p95_ms").ValueKind == JsonValueKind.Number);

        var top = overview.GetProperty("top");
        Assert.Equal([("chat", 5L)], Keys(top.GetProperty("models").GetProperty("by_requests")));
        Assert.Equal([("-1", 3L), (userId, 2L)], Keys(top.GetProperty("users").GetProperty("by_requests")));
        Assert.Equal([(null, 3L), (keyId.ToString(System.Globalization.CultureInfo.InvariantCulture), 2L)], Keys(top.GetProperty("keys").GetProperty("by_requests")));
        Assert.Equal(2, top.GetProperty("users").GetProperty("by_cost").GetArrayLength());

        var sources = overview.GetProperty("sources").EnumerateArray().ToDictionary(p => p.GetProperty("platform").GetString()!);
        Assert.Equal(["demo", "pool"], sources.Keys);
        Assert.Equal((0L, JsonValueKind.Null), (sources["demo"].GetProperty("requests").GetInt64(), sources["demo"].GetProperty("success_rate").ValueKind));
        var source = sources["pool"];
        Assert.Equal(("pool", "openai", "healthy"), (source.GetProperty("platform").GetString(), source.GetProperty("kind").GetString(), source.GetProperty("status").GetString()));
        Assert.Equal((5L, 1L, 0.8), (source.GetProperty("requests").GetInt64(), source.GetProperty("errors").GetInt64(), source.GetProperty("success_rate").GetDouble()));
        var keys = source.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(["sk-o…0001", "sk-o…0002"], keys.Select(k => k.GetProperty("masked").GetString()).Order());
        Assert.All(keys, k => Assert.Equal("active", k.GetProperty("status").GetString()));
        Assert.Equal(5, keys.Sum(k => k.GetProperty("requests").GetInt64()));

        // One user narrows everything to their records.
        var narrowed = await admin.GetFromJsonAsync<JsonElement>($"api/admin/usage/overview?user_id={userId}&bucket=1h");
        Assert.Equal((2L, userId), (narrowed.GetProperty("summary").GetProperty("requests").GetInt64(), narrowed.GetProperty("user_id").GetString()));
        Assert.InRange(narrowed.GetProperty("series").GetArrayLength(), 24, 25);
    }

    [Fact]
    public async Task OwnOverview_ShowsOnlyTheCallersRecords_WithoutCostUsersOrSources_AndTheAdminRouteIsForbidden()
    {
        using var admin = _host.CreateClient();
        var (user, userId, _) = await CreateUserKeyAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(admin, "hi")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(user, "hi")).StatusCode);
        await _host.FlushUsageAsync();

        var own = await user.GetFromJsonAsync<JsonElement>("api/v1/status/usage/overview?period=2h&bucket=30m");
        Assert.Equal(userId, own.GetProperty("user_id").GetString());
        var summary = own.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("requests").GetInt64());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("provider_cost").ValueKind);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("margin").ValueKind);
        Assert.Equal(JsonValueKind.Null, own.GetProperty("sources").ValueKind);
        Assert.Equal(JsonValueKind.Null, own.GetProperty("top").GetProperty("users").ValueKind);
        Assert.Equal(JsonValueKind.Null, own.GetProperty("top").GetProperty("models").GetProperty("by_cost").ValueKind);
        Assert.All(own.GetProperty("series").EnumerateArray(), b => Assert.Equal(JsonValueKind.Null, b.GetProperty("provider_cost").ValueKind));
        Assert.InRange(own.GetProperty("series").GetArrayLength(), 4, 5);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("api/admin/usage/overview")).StatusCode);
        await AssertErrorAsync(await user.GetAsync("api/v1/status/usage/overview?user_id=-1"), HttpStatusCode.Forbidden, null);
    }

    [Theory]
    [InlineData("bucket=10s", "bucket")]
    [InlineData("bucket=0m", "bucket")]
    [InlineData("period=7d&bucket=1m", "bucket")]
    [InlineData("period=400d", "period")]
    [InlineData("period=total", "period")]
    [InlineData("period=1h&from=2026-01-01T00:00:00Z", "period")]
    [InlineData("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [InlineData("from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("utc_offset=8", "utc_offset")]
    [InlineData("top=0", "top")]
    [InlineData("top=51", "top")]
    public async Task BadParameters_Are400sNamingTheParameter(string query, string param)
    {
        using var admin = _host.CreateClient();
        await AssertErrorAsync(await admin.GetAsync("api/admin/usage/overview?" + query), HttpStatusCode.BadRequest, param);
    }

    [Fact]
    public async Task ExplicitRange_WithALocalOffset_AlignsDayBucketsToLocalMidnight()
    {
        using var admin = _host.CreateClient();
        var overview = await admin.GetFromJsonAsync<JsonElement>("api/admin/usage/overview?from=2026-03-01T00:00:00%2B08:00&to=2026-03-08T00:00:00%2B08:00&bucket=1d&utc_offset=%2B08:00&top=3");
        var starts = overview.GetProperty("series").EnumerateArray().Select(b => b.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(d => new DateTimeOffset(2026, 3, 1 + d, 0, 0, 0, TimeSpan.FromHours(8))), starts);
        Assert.All(starts, s => Assert.Equal(TimeSpan.FromHours(8), s.Offset));
        Assert.Equal(("1d", 0L), (overview.GetProperty("bucket").GetString(), overview.GetProperty("summary").GetProperty("requests").GetInt64()));
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("summary").GetProperty("latency_ms").ValueKind);
    }

    private static List<(string?, long)> Keys(JsonElement list) =>
        [.. list.EnumerateArray().Select(g => (g.GetProperty("key").GetString(), g.GetProperty("requests").GetInt64()))];

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? param)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, text);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        if (param is not null)
        {
            Assert.Equal(param, error.GetProperty("param").GetString());
        }
    }

    private async Task<(HttpClient Client, string UserId, long KeyId)> CreateUserKeyAsync(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("api/admin/keys", new { name = "overview-user", user_id = "u-overview" });
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(created.IsSuccessStatusCode, body.GetRawText());
        return (_host.CreateClient(body.GetProperty("key").GetString()), body.GetProperty("user_id").GetString()!, body.GetProperty("id").GetInt64());
    }

    private static Task<HttpResponseMessage> ChatAsync(HttpClient client, string content) =>
        client.PostAsJsonAsync("v1/chat/completions", new { model = "chat", messages = new[] { new { role = "user", content } } });
}
