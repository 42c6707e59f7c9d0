using System.ClientModel;
using global::OpenAI;
using global::OpenAI.Chat;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.OpenAI;

/// <summary>Drives the gateway with the official OpenAI .NET SDK, once per upstream protocol.</summary>
public sealed class OpenAISdkTests
{
    private const string UpstreamKey = "sk-upstream-9b7c61f2";

    public static TheoryData<string> Protocols => new() { "openai", "anthropic", "gemini" };

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task CompleteChat_NonStreaming_MatchesUpstreamAnswerAndUsage(string protocol)
    {
        await using var setup = await Setup.StartAsync(protocol);

        ChatCompletion completion = await setup.Client.CompleteChatAsync([new UserChatMessage("Hi there")]);

        Assert.Equal(ProtocolFakes.Greeting, completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        var (prompt, output, cached) = ProtocolFakes.Usage[protocol];
        Assert.Equal(prompt, completion.Usage.InputTokenCount);
        Assert.Equal(output, completion.Usage.OutputTokenCount);
        Assert.Equal(cached, completion.Usage.InputTokenDetails?.CachedTokenCount ?? 0);
        setup.AssertKeyReachedUpstream();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task CompleteChatStreaming_MatchesUpstreamTextFinishAndUsage(string protocol)
    {
        await using var setup = await Setup.StartAsync(protocol);

        var text = "";
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in setup.Client.CompleteChatStreamingAsync([new UserChatMessage("Hi there")], new ChatCompletionOptions()))
        {
            text += string.Concat(update.ContentUpdate.Select(c => c.Text));
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(ProtocolFakes.Greeting, text);
        Assert.Equal(ChatFinishReason.Stop, finish);
        var (prompt, output, _) = ProtocolFakes.Usage[protocol];
        Assert.NotNull(usage);
        Assert.Equal(prompt, usage.InputTokenCount);
        Assert.Equal(output, usage.OutputTokenCount);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task CompleteChat_TwoTurnToolCall_RoundTripsThroughTheGateway(string protocol)
    {
        await using var setup = await Setup.StartAsync(protocol);
        var tool = ChatTool.CreateFunctionTool("get_weather", "Current weather for a city",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        var options = new ChatCompletionOptions { Tools = { tool } };
        List<ChatMessage> messages = [new UserChatMessage("Weather in Paris?")];

        ChatCompletion first = await setup.Client.CompleteChatAsync(messages, options);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("Paris", System.Text.Json.JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement.GetProperty("city").GetString());

        messages.Add(new AssistantChatMessage(first.ToolCalls));
        messages.Add(new ToolChatMessage(call.Id, """{"temperature_c":21,"sky":"sunny"}"""));
        ChatCompletion second = await setup.Client.CompleteChatAsync(messages, options);

        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal(ProtocolFakes.WeatherAnswer, second.Content[0].Text);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task CompleteChatStreaming_ToolCall_ArrivesAsOneAssembledCall(string protocol)
    {
        await using var setup = await Setup.StartAsync(protocol);
        var tool = ChatTool.CreateFunctionTool("get_weather", "Current weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}"""));
        var arguments = "";
        string? name = null;
        ChatFinishReason? finish = null;
        await foreach (var update in setup.Client.CompleteChatStreamingAsync([new UserChatMessage("Weather in Paris?")], new ChatCompletionOptions { Tools = { tool } }))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                name ??= part.FunctionName;
                arguments += part.FunctionArgumentsUpdate?.ToString();
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("get_weather", name);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal("Paris", System.Text.Json.JsonDocument.Parse(arguments).RootElement.GetProperty("city").GetString());
    }

    private sealed class Setup : IAsyncDisposable
    {
        private Setup(FakeUpstream upstream, GatewayHost host, string protocol)
        {
            Upstream = upstream;
            Host = host;
            Protocol = protocol;
            Client = new ChatClient("chat", new ApiKeyCredential(GatewayHost.AdminKey), new OpenAIClientOptions { Endpoint = new Uri(host.BaseUrl, "v1") });
        }

        public FakeUpstream Upstream { get; }

        public GatewayHost Host { get; }

        public string Protocol { get; }

        public ChatClient Client { get; }

        public static async Task<Setup> StartAsync(string protocol)
        {
            var upstream = await FakeUpstream.StartAsync();
            upstream.Handler = ProtocolFakes.Handler(protocol);
            var host = await GatewayHost.StartAsync(ProtocolFakes.Yaml(protocol, upstream.BaseUrl, "{UP_KEY}"), new Dictionary<string, string?> { ["UP_KEY"] = UpstreamKey });
            return new Setup(upstream, host, protocol);
        }

        public void AssertKeyReachedUpstream()
        {
            var request = Upstream.LastRequest;
            var sent = Protocol switch
            {
                "openai" => request.Header("Authorization"),
                "anthropic" => request.Header("x-api-key"),
                _ => request.Header("x-goog-api-key"),
            };
            Assert.Contains(UpstreamKey, sent);
            Assert.DoesNotContain(UpstreamKey, request.Path + request.Query);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Upstream.DisposeAsync();
        }
    }
}
