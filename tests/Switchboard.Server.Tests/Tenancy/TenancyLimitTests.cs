using System.Net;
using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>Budgets are reserved before the call and settled after it; rate limits answer 429 with Retry-After.</summary>
public sealed class TenancyLimitTests
{
    // Output costs $1 per 1M tokens and input is free, so a request with max_tokens 7 reserves exactly the 7 tokens the fake answers with.
    internal const string PricedCatalog = """
        catalog:
          priced:
            user_input_price: 0
            user_output_price: 1.0
            sources: [{ platform: alpha, model: model-a }]
        """;

    [Fact]
    public async Task FiftyConcurrentRequests_AgainstBudgetForTen_LetExactlyTenThrough()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", new Dictionary<string, string?> { ["Switchboard:Tenancy:AutoKey"] = "true" }, PricedCatalog);
        await fixture.SaveUserAsync("alice", limits: new LimitSettings { Budget = 0.00007m, BudgetPeriod = BudgetPeriod.Day });
        var (alice, _) = await fixture.UserClientAsync("alice");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => TenancyFixture.ChatAsync(alice, "priced", maxTokens: 7)));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(40, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        // Refused while the ten in flight held the budget (budget_reserved, a short retry) or once they had spent it (budget_exceeded).
        Assert.Contains((await TenancyFixture.ErrorAsync(refused)).GetProperty("code").GetString(), new[] { "budget_reserved", "budget_exceeded" });
        var exhausted = await TenancyFixture.ChatAsync(alice, "priced", maxTokens: 7);
        Assert.Equal("budget_exceeded", (await TenancyFixture.ErrorAsync(exhausted)).GetProperty("code").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(10, fixture.UpstreamA.Requests.Count);
        var records = await fixture.Host.FlushUsageAsync();
        Assert.Equal(51, records.Count);
        Assert.Equal(0.00007m, records.Sum(r => r.UserPrice));
    }

    [Fact]
    public async Task VirtualKeyRpmLimit_BurstGets429WithRetryAfter()
    {
        await using var fixture = await TenancyFixture.StartAsync("single");
        using var admin = fixture.AdminClient();
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(admin, "api/admin/keys", new { name = "limited", rpm = 3 });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        using var body = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        using var client = fixture.Host.CreateClient(body.RootElement.GetProperty("key").GetString());

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await TenancyFixture.ChatAsync(client, "model-a"));
        }

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(2, limited.Count);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }));
        Assert.Equal("requests_per_minute_exceeded", (await TenancyFixture.ErrorAsync(limited[0])).GetProperty("code").GetString());
    }

    [Fact]
    public async Task MaxParallel_RefusesTheRequestBeyondTheLimit()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", new Dictionary<string, string?> { ["Switchboard:Tenancy:AutoKey"] = "true" });
        var gate = new TaskCompletionSource();
        fixture.UpstreamA.Handler = async (ctx, _) =>
        {
            await gate.Task;
            await Switchboard.Testing.FakeUpstream.Json(ctx, 200, Infrastructure.OpenAIFakeResponses.Completion("slow"));
        };
        await fixture.SaveUserAsync("alice", limits: new LimitSettings { MaxParallel = 1 });
        var (alice, _) = await fixture.UserClientAsync("alice");

        var first = TenancyFixture.ChatAsync(alice, "model-a");
        while (fixture.UpstreamA.Requests.Count == 0)
        {
            await Task.Delay(10);
        }

        var second = await TenancyFixture.ChatAsync(alice, "model-a");
        gate.SetResult();

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("too_many_parallel_requests", (await TenancyFixture.ErrorAsync(second)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(alice, "model-a")).StatusCode);
    }
}
