using System.Net.Http.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Routing;

/// <summary>Checks that X-Session-Id keeps a conversation on one source while other traffic is balanced.</summary>
public sealed class StickySessionTests
{
    [Fact]
    public async Task ChatCompletion_SameSessionId_StaysOnOneSource_OthersRotate()
    {
        await using var a = await FakeUpstream.StartAsync();
        await using var b = await FakeUpstream.StartAsync();
        a.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("a"));
        b.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("b"));
        await using var host = await GatewayHost.StartAsync($$"""
            platforms:
              a: { kind: openai, base_url: '{{a.BaseUrl}}v1', api_key: sk-a-000000000001, models: { m: m } }
              b: { kind: openai, base_url: '{{b.BaseUrl}}v1', api_key: sk-b-000000000002, models: { m: m } }
            catalog:
              rr:
                strategy: round_robin
                sources:
                  - { platform: a, model: m }
                  - { platform: b, model: m }
            """);
        using var client = host.CreateClient();

        var sticky = new List<string>();
        var free = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var withSession = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(new { model = "rr", messages = new[] { new { role = "user", content = "x" } } }) };
            withSession.Headers.Add("X-Session-Id", "conversation-42");
            sticky.Add((await client.SendAsync(withSession)).Headers.GetValues("X-Switchboard-Source").Single());
        }

        for (var i = 0; i < 6; i++)
        {
            free.Add((await client.PostAsJsonAsync("v1/chat/completions", new { model = "rr", messages = new[] { new { role = "user", content = "x" } } })).Headers.GetValues("X-Switchboard-Source").Single());
        }

        Assert.Single(sticky.Distinct());
        Assert.Equal(2, free.Distinct().Count());
    }
}
