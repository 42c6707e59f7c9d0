using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Routing;

/// <summary>Checks failover across sources that share a display name, before the first byte only, billed once.</summary>
public sealed class FailoverTests : TwoSourceTestBase
{
    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(401)]
    public async Task ChatCompletion_PrimaryFails_SecondaryAnswersAndOneRecordIsBilled(int status)
    {
        Primary.Handler = (ctx, _) => FakeUpstream.Json(ctx, status, OpenAIFakeResponses.Error("primary down", "server_error"));
        using var client = Host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("from secondary", await response.Content.ReadAsStringAsync());
        Assert.Equal("2", response.Headers.GetValues("X-Switchboard-Attempts").Single());
        Assert.Equal("1", response.Headers.GetValues("X-Switchboard-Fallbacks").Single());
        Assert.Equal("secondary/shared", response.Headers.GetValues("X-Switchboard-Source").Single());
        var record = Assert.Single(await Host.FlushUsageAsync());
        Assert.Equal("secondary", record.Platform);
        Assert.Equal(2, record.Attempts);
        Assert.Equal(11, record.Tokens.InputTokens);
    }

    [Fact]
    public async Task Stream_PrimaryRefusesConnection_SecondaryStreamsWholeAnswer()
    {
        // Refused before the request was sent: safe to fail over (a reset after it was sent is not; SentRequestFailoverTests).
        await Primary.StopAsync();
        using var client = Host.CreateClient();
        var body = new StringContent(JsonSerializer.Serialize(new { model = "shared", stream = true, messages = new[] { new { role = "user", content = "hi" } } }), Encoding.UTF8, "application/json");

        var text = await (await client.PostAsync("v1/chat/completions", body)).Content.ReadAsStringAsync();

        var data = SseParser.DataLines(text);
        Assert.Equal("[DONE]", data[^1]);
        Assert.DoesNotContain(data, d => d.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Contains("secondary", text);
        Assert.Single(await Host.FlushUsageAsync());
    }

    [Fact]
    public async Task ChatCompletion_ClientError_IsNotRetried()
    {
        Primary.Handler = (ctx, _) => FakeUpstream.Json(ctx, 400, OpenAIFakeResponses.Error("bad parameter foo", "invalid_request_error"));
        using var client = Host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bad parameter foo", await response.Content.ReadAsStringAsync());
        Assert.Empty(Secondary.Requests);
    }

    [Fact]
    public async Task ChatCompletion_RateLimitedKey_CoolsDownAndIsSkipped()
    {
        Primary.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429, OpenAIFakeResponses.Error("slow down", "rate_limit_error"), ("Retry-After", "30"));
        using var client = Host.CreateClient();

        await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "1" } } });
        var primaryCalls = Primary.Requests.Count;
        await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "2" } } });

        Assert.Equal(primaryCalls, Primary.Requests.Count);
        Assert.Equal(2, Secondary.Requests.Count);
    }
}
