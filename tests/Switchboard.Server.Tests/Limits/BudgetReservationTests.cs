using System.Net;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Limits;

/// <summary>A request reserves the most it can be billed for (its cap, times its answers, plus a reasoning budget), so concurrent requests pass a budget by at most one request.</summary>
public sealed class BudgetReservationTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;
    private int _completionTokens = 5;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = async (ctx, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok", prompt: 5, completion: _completionTokens));
        };
        _host = await GatewayHost.StartAsync(PricedGateway.Yaml(_upstream.BaseUrl));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task ABudgetHeldByARequestInFlight_IsAShortRetry_NotUsedUp()
    {
        var (client, _) = await PricedGateway.LimitedClientAsync(_host, new { name = "small", budget = 0.001, budget_period = "day" });

        // Worst case 1000 output tokens at $2 per 1M is $0.002: admitted with the whole $0.001 reserved.
        var big = client.PostAsync("v1/chat/completions", Body(maxTokens: 1000));
        await Poll.UntilAsync(() => _upstream.Requests.Count == 1, "the first request upstream");

        var held = await client.PostAsync("v1/chat/completions", Body(maxTokens: 1));
        var error = await ErrorAsync(held);
        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.Equal(("rate_limit_error", "budget_reserved"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()));
        Assert.Equal(TimeSpan.FromSeconds(1), held.Headers.RetryAfter?.Delta);

        Assert.Equal(HttpStatusCode.OK, (await big).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("v1/chat/completions", Body(maxTokens: 1))).StatusCode);
    }

    [Fact]
    public async Task ConcurrentRequestsAskingForManyAnswers_PassTheBudgetByAtMostOneRequest()
    {
        // n = 100 answers of up to 1,000 tokens: billed as 100,000 completion tokens ($0.20), against a $0.01 budget.
        _completionTokens = 100_000;
        var (client, _) = await PricedGateway.LimitedClientAsync(_host, new { name = "n", budget = 0.01, budget_period = "day" });

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync("v1/chat/completions", Body(maxTokens: 1000, extra: "\"n\":100,"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var records = await _host.FlushUsageAsync();
        var spent = records.Where(r => r.Status == "success").Sum(r => r.UserPrice);
        Assert.True(spent <= 0.01m + records.Max(r => r.UserPrice), $"spent ${spent}");
    }

    [Fact]
    public async Task BothCapNames_TheLargerIsReserved()
    {
        _completionTokens = 100_000;
        var (client, _) = await PricedGateway.LimitedClientAsync(_host, new { name = "caps", budget = 0.01, budget_period = "day" });
        const string Both = """{"model":"priced","max_completion_tokens":100000,"max_tokens":1,"messages":[{"role":"user","content":"hi"}]}""";

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostAsync("v1/chat/completions", new StringContent(Both, Encoding.UTF8, "application/json"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
    }

    private static StringContent Body(int maxTokens, string extra = "") =>
        new($$"""{"model":"priced",{{extra}}"max_tokens":{{maxTokens}},"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("error").Clone();
    }
}
