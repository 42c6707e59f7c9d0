using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Usage;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Routing;

/// <summary>Upstream answers are untrusted: one the gateway cannot read is an upstream failure, and a call the upstream may be running is never run twice.</summary>
public sealed class UntrustedAnswerTests : TwoSourceTestBase
{
    protected override Dictionary<string, string?>? Settings => new() { ["Switchboard:Gateway:FirstByteTimeout"] = "00:00:01" };

    [Fact]
    public async Task SlowNonStreamedAnswer_AfterTheRequestWasSent_Is504_AndNotRunOnTheOtherSource()
    {
        // A non-streamed answer sends its headers only once generated: the primary has the request and is working on it.
        Primary.Handler = async (ctx, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from primary"));
        };
        using var client = Host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "charge me once" } } });

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Single(Primary.Requests);
        Assert.Empty(Secondary.Requests);
        var record = Assert.Single(await Host.FlushUsageAsync());
        Assert.Equal(UsageSource.Estimated, record.UsageSource);
        Assert.True(record.Tokens.InputTokens > 0);
    }

    [Fact]
    public async Task ErrorBodyWithTextNoStringCanHold_StillFailsOver()
    {
        Primary.Handler = (ctx, _) => FakeUpstream.Json(ctx, 500, """{"error":{"message":"overloaded \ud800","type":"server_error","code":"\udfff"}}""");
        using var client = Host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Secondary.Requests);
    }

    [Fact]
    public async Task StreamWhoseChunksCannotBeRead_Is502BadResponse_NotA500_AndNotRunTwice()
    {
        Primary.Handler = (ctx, _) => FakeUpstream.Sse(ctx, ["data: {\"id\":\"chatcmpl-\\ud800\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n", "data: [DONE]\n\n"]);
        using var client = Host.CreateClient();

        var response = await client.PostAsync("v1/chat/completions", new StringContent("""{"model":"shared","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using var document = JsonDocument.Parse(text);
        Assert.Equal("upstream_bad_response", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(Secondary.Requests);
        Assert.Single(await Host.FlushUsageAsync());
    }
}
