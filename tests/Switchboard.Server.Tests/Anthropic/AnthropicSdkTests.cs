using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Anthropic;

/// <summary>Drives <c>/v1/messages</c> with the official Anthropic .NET SDK against each upstream kind: answers, streams, tool round trips and usage.</summary>
public sealed class AnthropicSdkTests
{
    public static TheoryData<string> Kinds => new() { "openai", "anthropic", "gemini", "demo" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Create_NonStreaming_AnswersAnthropicMessageWithUsage(string kind)
    {
        await using var gateway = await AnthropicGateway.StartAsync(kind);

        var message = await gateway.Client.Messages.Create(Params("Hi there"));

        Assert.StartsWith("msg_", message.ID);
        // A translated answer names the model the client asked for; an Anthropic upstream's own answer passes through as is.
        Assert.Equal(kind == "anthropic" ? "claude-test" : "chat", message.Model.Raw());
        Assert.Equal("end_turn", message.StopReason!.Raw());
        var text = Assert.Single(message.Content).Value as TextBlock;
        Assert.NotNull(text);
        AssertGreeting(kind, text.Text);
        var record = await gateway.SingleUsageAsync();
        AssertUsage(kind, message.Usage.InputTokens, message.Usage.CacheReadInputTokens, message.Usage.OutputTokens, record);
        Assert.False(record.Stream);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task CreateStreaming_AggregatesToTheAnswerWithFinalUsage(string kind)
    {
        await using var gateway = await AnthropicGateway.StartAsync(kind);

        var message = await gateway.Client.Messages.CreateStreaming(Params("Hi there")).Aggregate();

        Assert.Equal("end_turn", message.StopReason!.Raw());
        var text = string.Concat(message.Content.Select(block => (block.Value as TextBlock)?.Text));
        AssertGreeting(kind, text);
        var record = await gateway.SingleUsageAsync();
        AssertUsage(kind, message.Usage.InputTokens, message.Usage.CacheReadInputTokens, message.Usage.OutputTokens, record);
        Assert.True(record.Stream);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ToolRoundTrip_ModelCallsToolThenAnswersFromItsResult(string kind)
    {
        await using var gateway = await AnthropicGateway.StartAsync(kind);
        List<MessageParam> messages = [new UserMessageParam { Content = "Weather in Paris?" }];

        var first = await gateway.Client.Messages.Create(Params(messages));

        Assert.Equal("tool_use", first.StopReason!.Raw());
        var call = first.Content.Select(block => block.Value).OfType<ToolUseBlock>().Single();
        Assert.Equal("get_weather", call.Name);
        Assert.Equal(JsonValueKind.String, call.Input["city"].ValueKind);
        if (kind != "demo")
        {
            Assert.Equal("Paris", call.Input["city"].GetString());
        }

        messages.Add(new AssistantMessageParam { Content = new List<ContentBlockParam> { new ToolUseBlockParam { ID = call.ID, Name = call.Name, Input = call.Input } } });
        messages.Add(new UserMessageParam { Content = new List<ContentBlockParam> { new ToolResultBlockParam(call.ID) { Content = """{"temperature_c":21,"sky":"sunny"}""" } } });
        var second = await gateway.Client.Messages.CreateStreaming(Params(messages)).Aggregate();

        Assert.Equal("end_turn", second.StopReason!.Raw());
        var answer = string.Concat(second.Content.Select(block => (block.Value as TextBlock)?.Text));
        if (kind == "demo")
        {
            Assert.Contains("The tool returned", answer, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(ProtocolFakes.WeatherAnswer, answer);
        }

        Assert.Equal(2, (await gateway.Host.FlushUsageAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task CreateStreaming_ToolCall_ArrivesAsOneToolUseBlock(string kind)
    {
        await using var gateway = await AnthropicGateway.StartAsync(kind);

        var message = await gateway.Client.Messages.CreateStreaming(Params([new UserMessageParam { Content = "Weather in Paris?" }])).Aggregate();

        Assert.Equal("tool_use", message.StopReason!.Raw());
        var call = message.Content.Select(block => block.Value).OfType<ToolUseBlock>().Single();
        Assert.Equal("get_weather", call.Name);
        Assert.False(string.IsNullOrEmpty(call.ID));
        Assert.True(call.Input.ContainsKey("city"));
    }

    [Fact]
    public async Task Create_BadApiKey_ThrowsAuthenticationError()
    {
        await using var gateway = await AnthropicGateway.StartAsync("demo");
        using var client = new AnthropicClient(new global::Anthropic.Core.ClientOptions { ApiKey = "sk-wrong-key-000000000000", BaseUrl = gateway.Host.BaseUrl.ToString().TrimEnd('/'), MaxRetries = 0 });

        var error = await Assert.ThrowsAnyAsync<global::Anthropic.Exceptions.AnthropicServiceException>(() => client.Messages.Create(Params("Hi")));

        Assert.Contains("authentication_error", error.Body.GetRawText(), StringComparison.Ordinal);
    }

    private static MessageCreateParams Params(string text) => new()
    {
        Model = "chat",
        MaxTokens = 256,
        Messages = [new UserMessageParam { Content = text }],
    };

    private static MessageCreateParams Params(List<MessageParam> messages) => new()
    {
        Model = "chat",
        MaxTokens = 256,
        Messages = messages,
        Tools = [WeatherTool()],
    };

    private static ToolUnion WeatherTool() => new Tool
    {
        Name = "get_weather",
        Description = "Current weather for a city",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement> { ["city"] = JsonDocument.Parse("""{"type":"string"}""").RootElement.Clone() },
            Required = ["city"],
        },
    };

    private static void AssertGreeting(string kind, string text)
    {
        if (kind == "demo")
        {
            Assert.StartsWith("Hello from the Switchboard demo model", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(ProtocolFakes.Greeting, text);
        }
    }

    private static void AssertUsage(string kind, long input, long? cacheRead, long output, Switchboard.Abstractions.Usage.UsageRecord record)
    {
        Assert.Equal(record.Tokens.InputTokens, input + (cacheRead ?? 0));
        Assert.Equal(record.Tokens.OutputTokens, output);
        if (kind == "demo")
        {
            Assert.True(input > 0 && output > 0);
            return;
        }

        var (prompt, completion, cached) = ProtocolFakes.Usage[kind];
        Assert.Equal(prompt - cached, input);
        Assert.Equal(cached, cacheRead ?? 0);
        Assert.Equal(completion, output);
    }
}
