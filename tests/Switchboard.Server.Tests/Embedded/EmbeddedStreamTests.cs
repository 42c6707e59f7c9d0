using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Embedded;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Embedded;

/// <summary>Drives the embedded <see cref="IChatClient"/> against each upstream wire format: answers, tool round trips and failures come back as Microsoft.Extensions.AI objects built from the engine's canonical events.</summary>
public sealed class EmbeddedStreamTests
{
    /// <summary>Gets the upstream wire formats with a scripted tool-calling fake.</summary>
    public static TheoryData<string> UpstreamKinds => new() { "openai", "anthropic", "gemini" };

    [Theory]
    [MemberData(nameof(UpstreamKinds))]
    public async Task GetStreamingResponse_ToolRoundTrip_EmitsTheWholeCallThenTheAnswerWithRecordedUsage(string protocol)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var (setup, chat, options) = await StartAsync(upstream, protocol);
        await using var setupScope = setup;
        List<ChatMessage> messages = [new(ChatRole.User, "Weather in Paris?")];

        var first = await CollectAsync(chat.GetStreamingResponseAsync(messages, options));

        var call = Assert.Single(first.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments?["city"]?.ToString());
        Assert.False(string.IsNullOrEmpty(call.CallId));
        Assert.Contains(first, u => u.FinishReason == ChatFinishReason.ToolCalls);
        var (prompt, completion, _) = ProtocolFakes.Usage[protocol];
        var usage = Assert.Single(first.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal((long?)prompt, usage.InputTokenCount);
        Assert.Equal((long?)completion, usage.OutputTokenCount);

        messages.AddRange(first.ToChatResponse().Messages);
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "sunny in Paris")]));
        var second = await CollectAsync(chat.GetStreamingResponseAsync(messages, options));

        Assert.Equal(ProtocolFakes.WeatherAnswer, string.Concat(second.Select(u => u.Text)));
        Assert.Contains(second, u => u.FinishReason == ChatFinishReason.Stop);
        Assert.Empty(second.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        var records = await setup.FlushAsync();
        Assert.Equal(2, records.Count);
        Assert.All(records, r =>
        {
            Assert.True(r.Stream);
            Assert.Equal(UsageStatus.Success, r.Status);
            Assert.Equal(UsageSource.Reported, r.UsageSource);
            Assert.Equal((long)prompt, r.Tokens.InputTokens);
            Assert.Equal((long)completion, r.Tokens.OutputTokens);
        });
    }

    [Theory]
    [MemberData(nameof(UpstreamKinds))]
    public async Task GetResponse_ToolRoundTrip_BuildsTheResponseFromTheCanonicalAnswer(string protocol)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var (setup, chat, options) = await StartAsync(upstream, protocol);
        await using var setupScope = setup;
        List<ChatMessage> messages = [new(ChatRole.User, "Weather in Paris?")];

        var first = await chat.GetResponseAsync(messages, options);
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        messages.AddRange(first.Messages);
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "sunny in Paris")]));
        var second = await chat.GetResponseAsync(messages, options);

        Assert.Equal(ProtocolFakes.WeatherAnswer, second.Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        var (prompt, completion, _) = ProtocolFakes.Usage[protocol];
        Assert.Equal((long?)prompt, second.Usage?.InputTokenCount);
        Assert.Equal((long?)completion, second.Usage?.OutputTokenCount);
        Assert.Equal(2, (await setup.FlushAsync()).Count);
    }

    [Fact]
    public async Task GetStreamingResponse_UpstreamDiesAfterTheFirstText_HandsOverTheTextThenThrowsAndRecordsOnce()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Handler = async (ctx, _) =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "text/event-stream";
            await ctx.Response.WriteAsync("data: {\"id\":\"chatcmpl-cut\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Half an ans\"},\"finish_reason\":null}]}\n\n");
            await ctx.Response.Body.FlushAsync();

            // The connection dies only once the caller has the first text, so the failure is surely after the first byte.
            await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            ctx.Abort();
        };
        await using var setup = await EmbeddedHost.StartAsync(ProtocolFakes.Yaml("openai", upstream.BaseUrl, "sk-embedded-cut"));
        var updates = new List<ChatResponseUpdate>();

        var thrown = await Assert.ThrowsAsync<SwitchboardException>(async () =>
        {
            await foreach (var update in setup.Engine.GetSystemChatClient("up", "chat").GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]))
            {
                updates.Add(update);
                delivered.TrySetResult();
            }
        });

        Assert.Equal("Half an ans", string.Concat(updates.Select(u => u.Text)));
        Assert.DoesNotContain("sk-embedded-cut", thrown.Message, StringComparison.Ordinal);
        Assert.True(thrown.Status >= 500);
        var record = Assert.Single(await setup.FlushAsync());
        Assert.Equal(UsageStatus.Error, record.Status);
        Assert.Equal(thrown.Error.Code, record.ErrorType);
    }

    [Fact]
    public async Task GetStreamingResponse_UpstreamFailsBeforeTheFirstByte_ThrowsTheGatewayErrorAndRecordsOnce()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 400, """{"error":{"message":"bad tool schema","type":"invalid_request_error","code":"invalid_value"}}""");
        await using var setup = await EmbeddedHost.StartAsync(ProtocolFakes.Yaml("openai", upstream.BaseUrl, "sk-embedded-bad"));

        var thrown = await Assert.ThrowsAsync<SwitchboardException>(async () =>
        {
            await foreach (var update in setup.Engine.GetSystemChatClient("up", "chat").GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]))
            {
                Assert.Fail("No update may come before the error.");
            }
        });

        Assert.Equal(400, thrown.Status);
        var record = Assert.Single(await setup.FlushAsync());
        Assert.Equal(UsageStatus.Error, record.Status);
        Assert.Equal(400, record.HttpStatus);
    }

    /// <summary>Makes <paramref name="upstream"/> speak <paramref name="protocol"/> and starts an engine whose model <c>up/chat</c> it serves; returns its client and options offering the weather tool.</summary>
    private static async Task<(EmbeddedHost Setup, IChatClient Chat, ChatOptions Options)> StartAsync(FakeUpstream upstream, string protocol)
    {
        upstream.Handler = ProtocolFakes.Handler(protocol);
        var setup = await EmbeddedHost.StartAsync(ProtocolFakes.Yaml(protocol, upstream.BaseUrl, "sk-embedded-" + protocol));
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => $"sunny in {city}", "get_weather", "Current weather")] };
        return (setup, setup.Engine.GetSystemChatClient("up", "chat"), options);
    }

    private static async Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }
}
