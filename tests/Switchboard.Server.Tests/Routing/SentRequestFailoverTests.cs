using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Routing;

/// <summary>
/// A connection lost after the primary had the whole request is not retried on the secondary for chat (the primary
/// may have processed and billed it): the client gets 502 <c>unknown_outcome</c> and the usage record says so. A
/// connection refused before the request was sent still fails over, and embeddings (idempotent) fail over either way.
/// </summary>
public sealed class SentRequestFailoverTests : TwoSourceTestBase
{
    protected override bool ServesEmbeddings => true;

    protected override void ConfigureUpstreams()
    {
        base.ConfigureUpstreams();
        var chat = Secondary.Handler;
        Secondary.Handler = (ctx, r) => r.Path.EndsWith("/embeddings", StringComparison.Ordinal)
            ? FakeUpstream.Json(ctx, 200, """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,0.25]}],"model":"emb-b","usage":{"prompt_tokens":2,"total_tokens":2}}""")
            : chat(ctx, r);
    }

    [Fact]
    public async Task ChatCompletion_ResetAfterTheRequestWasSent_IsNotRetriedAndIsRecordedAsUnknownOutcome()
    {
        Primary.Handler = (ctx, _) => FakeUpstream.Reset(ctx);
        using var client = Host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "charge me once" } } });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("upstream_error", error.GetProperty("type").GetString());
        Assert.Equal("unknown_outcome", error.GetProperty("code").GetString());
        Assert.Contains("may have processed it", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Single(Primary.Requests);
        Assert.Empty(Secondary.Requests);
        var record = Assert.Single(await Host.FlushUsageAsync());
        Assert.Equal("error", record.Status);
        Assert.Equal("unknown_outcome", record.ErrorType);
        Assert.Equal("primary", record.Platform);
        Assert.Equal(1, record.Attempts);
        Assert.Equal(502, record.HttpStatus);

        // The upstream had the prompt and most likely billed it: the record carries its estimate, once.
        Assert.Equal(Switchboard.Abstractions.Usage.UsageSource.Estimated, record.UsageSource);
        Assert.True(record.Tokens.InputTokens > 0);
        Assert.Equal(0, record.Tokens.OutputTokens);
    }

    [Fact]
    public async Task Stream_ResetBeforeTheFirstByte_IsNotRetriedAndIsRecordedAsUnknownOutcome()
    {
        Primary.Handler = (ctx, _) => FakeUpstream.Reset(ctx);
        using var client = Host.CreateClient();

        var response = await client.PostAsync("v1/chat/completions", StreamBody());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("unknown_outcome", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(Secondary.Requests);
        var record = Assert.Single(await Host.FlushUsageAsync());
        Assert.Equal("unknown_outcome", record.ErrorType);
        Assert.True(record.Stream);
    }

    [Fact]
    public async Task ChatCompletion_PrimaryRefusesTheConnection_SecondaryAnswers()
    {
        await Primary.StopAsync();
        using var client = Host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("from secondary", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(Secondary.Requests);
        var record = Assert.Single(await Host.FlushUsageAsync());
        Assert.Equal("success", record.Status);
        Assert.Equal("secondary", record.Platform);
        Assert.Equal(2, record.Attempts);
    }

    [Fact]
    public async Task Stream_PrimaryRefusesTheConnection_SecondaryStreams()
    {
        await Primary.StopAsync();
        using var client = Host.CreateClient();

        var text = await (await client.PostAsync("v1/chat/completions", StreamBody())).Content.ReadAsStringAsync();

        Assert.Equal("[DONE]", SseParser.DataLines(text)[^1]);
        Assert.Contains("secondary", text, StringComparison.Ordinal);
        Assert.Single(await Host.FlushUsageAsync());
    }

    [Fact]
    public async Task Embeddings_ResetAfterTheRequestWasSent_FailOverBecauseTheyAreIdempotent()
    {
        Primary.Handler = (ctx, _) => FakeUpstream.Reset(ctx);
        using var client = Host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/embeddings", new { model = "vec", input = "hello" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0.5, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data")[0].GetProperty("embedding")[0].GetDouble());
        Assert.NotEmpty(Primary.Requests);
        Assert.Single(Secondary.Requests);
        var record = Assert.Single(await Host.FlushUsageAsync());
        Assert.Equal("success", record.Status);
        Assert.Equal("secondary", record.Platform);
    }

    [Fact]
    public async Task ChatCompletion_RepeatedUnknownOutcomes_CountAgainstThePrimaryUntilTheSecondaryServes()
    {
        Primary.Handler = (ctx, _) => FakeUpstream.Reset(ctx);
        using var client = Host.CreateClient();

        var outcomes = new List<HttpStatusCode>();
        for (var i = 0; i < 10 && !outcomes.Contains(HttpStatusCode.OK); i++)
        {
            outcomes.Add((await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = $"{i}" } } })).StatusCode);
        }

        // Each unknown outcome blames the primary as a connection failure does; once it is ejected the secondary serves.
        Assert.Equal(HttpStatusCode.OK, outcomes[^1]);
        Assert.All(outcomes.SkipLast(1), s => Assert.Equal(HttpStatusCode.BadGateway, s));
        Assert.Equal(outcomes.Count - 1, Primary.Requests.Count);
        Assert.Single(Secondary.Requests);
        Assert.Equal(outcomes.Count, (await Host.FlushUsageAsync()).Count);
    }

    private static StringContent StreamBody() =>
        new(JsonSerializer.Serialize(new { model = "shared", stream = true, messages = new[] { new { role = "user", content = "hi" } } }), Encoding.UTF8, "application/json");
}
