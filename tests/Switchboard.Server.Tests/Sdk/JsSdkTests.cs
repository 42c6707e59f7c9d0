using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Sdk;

/// <summary>The official JavaScript SDKs people point at a gateway (openai, @anthropic-ai/sdk, the Vercel AI SDK, @google/genai, LangChain) against each upstream kind.</summary>
/// <remarks>Each SDK parses our answers with its own strict types, so a field or event it does not expect fails here as it would for a user.</remarks>
public sealed class JsSdkTests
{
    private const string DemoGreeting = "Hello from the Switchboard demo model.";

    public static TheoryData<string> Upstreams => new() { "demo", "openai", "anthropic", "gemini" };

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task OpenAIChat_PlainStreamedAndTools(string upstream)
    {
        var run = await JsSdkRun.ForAsync(upstream);

        AssertGreeting(upstream, run.Case("openai.chat").GetProperty("text").GetString());
        var stream = run.Case("openai.chatStream");
        AssertGreeting(upstream, stream.GetProperty("text").GetString());
        Assert.True(stream.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 0);
        var tools = run.Case("openai.chatTools");
        Assert.Equal("get_weather", tools.GetProperty("tool").GetString());
        AssertToolAnswer(upstream, tools.GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task OpenAIResponses_PlainStreamedAndToolsWithStoredResponses(string upstream)
    {
        var run = await JsSdkRun.ForAsync(upstream);

        var plain = run.Case("openai.responses");
        Assert.Equal("completed", plain.GetProperty("status").GetString());
        AssertGreeting(upstream, plain.GetProperty("text").GetString());
        Assert.True(plain.GetProperty("usage").GetProperty("input_tokens").GetInt32() > 0);
        var stream = run.Case("openai.responsesStream");
        var types = stream.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal("response.created", types[0]);
        Assert.Equal("response.completed", types[^1]);
        Assert.Contains("response.output_text.delta", types);
        AssertGreeting(upstream, stream.GetProperty("text").GetString());
        Assert.Equal("completed", stream.GetProperty("status").GetString());
        Assert.True(stream.GetProperty("usage").GetProperty("output_tokens").GetInt32() > 0);
        var tools = run.Case("openai.responsesTools");
        Assert.Equal("get_weather", tools.GetProperty("tool").GetString());
        AssertToolAnswer(upstream, tools.GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task AnthropicMessages_PlainStreamedAndTools(string upstream)
    {
        var run = await JsSdkRun.ForAsync(upstream);

        var plain = run.Case("anthropic.messages");
        AssertGreeting(upstream, plain.GetProperty("text").GetString());
        Assert.Equal("end_turn", plain.GetProperty("stop").GetString());
        var stream = run.Case("anthropic.messagesStream");
        AssertGreeting(upstream, stream.GetProperty("text").GetString());
        var types = stream.GetProperty("types").EnumerateArray().Select(t => t.GetString()).Where(t => t != "ping").ToList();
        Assert.Equal("message_start", types[0]);
        Assert.Equal(["message_delta", "message_stop"], types[^2..]);
        Assert.True(stream.GetProperty("usage").GetProperty("output_tokens").GetInt32() > 0);
        Assert.True(stream.GetProperty("usage").GetProperty("input_tokens").GetInt32() > 0, "message_delta must carry the final input tokens");
        var tools = run.Case("anthropic.messagesTools");
        Assert.Equal("get_weather", tools.GetProperty("tool").GetString());
        Assert.Equal("tool_use", tools.GetProperty("firstStop").GetString());
        Assert.Equal(JsonValueKind.Object, tools.GetProperty("input").ValueKind);
        AssertToolAnswer(upstream, tools.GetProperty("text").GetString());
        Assert.NotEmpty(run.Case("anthropic.models").GetProperty("ids").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task VercelAISdk_ResponsesChatAndAnthropicProviders(string upstream)
    {
        var run = await JsSdkRun.ForAsync(upstream);

        AssertGreeting(upstream, run.Case("ai-sdk.responses").GetProperty("text").GetString());
        AssertGreeting(upstream, run.Case("ai-sdk.responsesStream").GetProperty("text").GetString());
        AssertGreeting(upstream, run.Case("ai-sdk.chat").GetProperty("text").GetString());
        AssertGreeting(upstream, run.Case("ai-sdk.anthropic").GetProperty("text").GetString());
        foreach (var name in new[] { "ai-sdk.responsesTools", "ai-sdk.anthropicTools" })
        {
            var tools = run.Case(name);
            Assert.Equal(1, tools.GetProperty("calls").GetArrayLength());
            Assert.Equal(2, tools.GetProperty("steps").GetInt32());
            AssertToolAnswer(upstream, tools.GetProperty("text").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task GoogleGenAI_PlainStreamedAndTools(string upstream)
    {
        var run = await JsSdkRun.ForAsync(upstream);

        var plain = run.Case("genai.generate");
        AssertGreeting(upstream, plain.GetProperty("text").GetString());
        Assert.Equal("STOP", plain.GetProperty("finish").GetString());
        Assert.True(plain.GetProperty("usage").GetProperty("promptTokenCount").GetInt32() > 0);
        var stream = run.Case("genai.generateStream");
        AssertGreeting(upstream, stream.GetProperty("text").GetString());
        Assert.Equal("STOP", stream.GetProperty("finish").GetString());
        var tools = run.Case("genai.generateTools");
        Assert.Equal("get_weather", tools.GetProperty("tool").GetString());
        AssertToolAnswer(upstream, tools.GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task LangChain_InvokeStreamAndTools(string upstream)
    {
        var run = await JsSdkRun.ForAsync(upstream);

        AssertGreeting(upstream, run.Case("langchain.invoke").GetProperty("text").GetString());
        AssertGreeting(upstream, run.Case("langchain.stream").GetProperty("text").GetString());
        Assert.Equal("get_weather", run.Case("langchain.tools").GetProperty("tool").GetString());
    }

    [Fact]
    public async Task TokenCountsAndBase64Embeddings_OnTheDemo()
    {
        var run = await JsSdkRun.ForAsync("demo");

        Assert.True(run.Case("anthropic.countTokens").GetProperty("inputTokens").GetInt32() > 0);
        Assert.True(run.Case("genai.countTokens").GetProperty("totalTokens").GetInt32() > 0);
        var embeddings = run.Case("openai.embeddings");
        var decoded = embeddings.GetProperty("embedding").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var floats = embeddings.GetProperty("floats").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(floats.Length, decoded.Length);
        Assert.Contains(decoded, v => v != 0);
        for (var i = 0; i < floats.Length; i++)
        {
            Assert.Equal(floats[i], decoded[i], 5);
        }
    }

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task EveryRequest_HasOneUsageRecord_NamingItsProtocol(string upstream)
    {
        var run = await JsSdkRun.ForAsync(upstream);

        Assert.Equal(run.Usage.Count, run.Usage.Select(r => r.RequestId).Distinct().Count());
        Assert.All(run.Usage.Where(r => r.Endpoint != "embeddings"), r => Assert.Equal("success", r.Status));
    }

    private static void AssertGreeting(string upstream, string? text) =>
        Assert.StartsWith(upstream == "demo" ? DemoGreeting : ProtocolFakes.Greeting, text, StringComparison.Ordinal);

    private static void AssertToolAnswer(string upstream, string? text)
    {
        if (upstream == "demo")
        {
            Assert.StartsWith("The tool returned:", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(ProtocolFakes.WeatherAnswer, text);
        }
    }
}
