using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Routing;

/// <summary>Checks that a failure after the first byte never fails over, ends the stream with one error event, bills once, and still counts against the source.</summary>
public sealed class MidStreamFailureTests : TwoSourceTestBase
{
    protected override Dictionary<string, string?> Settings => new() { ["Switchboard:Gateway:IdleTimeout"] = "00:00:00.500" };

    protected override void ConfigureUpstreams() =>
        Secondary.Handler = (ctx, _) => FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["from secondary"]));

    [Theory]
    [InlineData("reset")]
    [InlineData("trickle-then-silence")]
    [InlineData("malformed")]
    public async Task Stream_PrimaryFailsAfterFirstByte_OneErrorEventNoRetryBilledOnce(string fault)
    {
        Primary.Handler = (ctx, _) => FailAfterFirstByteAsync(ctx, fault);
        using var client = Host.CreateClient();

        var text = await StreamAsync(client);

        var data = SseParser.DataLines(text);
        Assert.Contains("partial", text);
        Assert.NotEqual("[DONE]", data[^1]);
        Assert.Single(data, d => d.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Contains("\"error\"", data[^1]);
        Assert.Empty(Secondary.Requests);
        var record = Assert.Single(await Host.FlushUsageAsync());
        Assert.Equal("primary", record.Platform);
        Assert.Equal(1, record.Attempts);
    }

    [Fact]
    public async Task Stream_PrimaryKeepsFailingAfterFirstByte_IsEjectedAndSecondaryServes()
    {
        Primary.Handler = (ctx, _) => FailAfterFirstByteAsync(ctx, "reset");
        using var client = Host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            await StreamAsync(client);
        }

        var text = await StreamAsync(client);

        Assert.Equal(3, Primary.Requests.Count);
        Assert.Contains("from secondary", text);
        Assert.Equal("[DONE]", SseParser.DataLines(text)[^1]);
    }

    private static async Task<string> StreamAsync(HttpClient client)
    {
        var body = JsonSerializer.Serialize(new { model = "shared", stream = true, messages = new[] { new { role = "user", content = "hi" } } });
        using var response = await client.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task FailAfterFirstByteAsync(HttpContext ctx, string fault)
    {
        var first = OpenAIFakeResponses.Stream(["partial"]).Take(3).ToArray();
        await FakeUpstream.Sse(ctx, first);
        switch (fault)
        {
            case "reset":
                // A reset discards what the peer has not read yet: let the gateway forward the first bytes first.
                await Task.Delay(300);
                ctx.Abort();
                break;
            case "trickle-then-silence":
                await Task.Delay(TimeSpan.FromSeconds(2), ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            case "malformed":
                await ctx.Response.WriteAsync("data: {\"id\":\"x\",\"choices\":[{\"delta\":{\"content\":\n\n");
                await ctx.Response.WriteAsync("data: [DONE]\n\n");
                break;
        }
    }
}
