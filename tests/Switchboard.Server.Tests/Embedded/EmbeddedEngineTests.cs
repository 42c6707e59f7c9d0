using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Embedded;
using Switchboard.Core.Usage;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Embedded;

/// <summary>Runs the engine inside a plain generic host (no web server) and uses it through IChatClient.</summary>
public sealed class EmbeddedEngineTests
{
    [Fact]
    public async Task GetChatClient_Demo_AnswersAndRecordsUsage()
    {
        await using var setup = await EmbeddedHost.StartAsync();
        var chat = setup.Engine.GetChatClient("demo", agentName: "unit-agent");

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Hello")]);

        Assert.Contains("You said: \"Hello\"", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(23, response.Usage?.OutputTokenCount);
        var records = await setup.FlushAsync();
        var record = Assert.Single(records);
        Assert.Equal("unit-agent", record.AgentName);
        Assert.Equal("demo", record.CatalogModel);
    }

    [Fact]
    public async Task GetUserChatClient_UsesTheUsersSlotAndRecordsUsageUnderTheUser()
    {
        await using var setup = await EmbeddedHost.StartAsync();
        var tenancy = setup.Services.GetRequiredService<Switchboard.Tenancy.TenancyService>();
        Assert.Null(await tenancy.SetModeAsync("multi-fixed", autoKey: true, "test", CancellationToken.None));
        var (_, created, error) = await tenancy.SaveUserAsync(new Switchboard.Abstractions.Tenancy.UserRecord { Id = "alice" }, CancellationToken.None);
        Assert.True(created);
        Assert.Null(error);
        var alice = new Switchboard.Core.Pipeline.CallerIdentity("alice", null, "user");
        Assert.Null(await tenancy.SaveSelectionAsync(alice, "summaries", "Summaries", "demo", null, null, create: true, CancellationToken.None));

        var response = await setup.Engine.GetUserChatClient("alice", "summaries", agentName: "summarizer").GetResponseAsync([new ChatMessage(ChatRole.User, "Hello")]);

        Assert.Contains("You said: \"Hello\"", response.Text);
        var record = Assert.Single(await setup.FlushAsync());
        Assert.Equal("alice", record.UserId);
        Assert.Equal("summaries", record.Slot);
        Assert.Equal("summarizer", record.AgentName);
        var selections = await tenancy.ListSelectionsAsync(alice, CancellationToken.None);
        Assert.Equal(["main", "fast", "reason", "summaries"], selections.Select(s => s.UsageKey));
        Assert.Contains(setup.Engine.ListModels("alice"), m => m.Id == "demo");
    }

    [Fact]
    public async Task GetStreamingResponse_Demo_StreamsTextAndUsage()
    {
        await using var setup = await EmbeddedHost.StartAsync();
        var chat = setup.Engine.GetChatClient("demo");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]))
        {
            updates.Add(update);
        }

        Assert.Contains("You said: \"Hi\"", string.Concat(updates.Select(u => u.Text)));
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Stop);
        Assert.Contains(updates.SelectMany(u => u.Contents).OfType<UsageContent>(), u => u.Details.OutputTokenCount == 23);
    }

    [Fact]
    public async Task GetSystemChatClient_ExactPlatformModel_UsesThatSourceWithToolCalls()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = ProtocolFakes.Handler("anthropic");
        await using var setup = await EmbeddedHost.StartAsync(ProtocolFakes.Yaml("anthropic", upstream.BaseUrl, "sk-ant-embedded"));
        var chat = setup.Engine.GetSystemChatClient("up", "chat");
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => $"sunny in {city}", "get_weather", "Current weather")] };
        List<ChatMessage> messages = [new(ChatRole.User, "Weather in Paris?")];

        var first = await chat.GetResponseAsync(messages, options);
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments?["city"]?.ToString());

        messages.AddRange(first.Messages);
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "sunny")]));
        var second = await chat.GetResponseAsync(messages, options);

        Assert.Equal(ProtocolFakes.WeatherAnswer, second.Text);
        Assert.Equal("sk-ant-embedded", upstream.LastRequest.Header("x-api-key"));
    }

    [Fact]
    public async Task GetChatClient_UnknownModel_ThrowsWithGatewayError()
    {
        await using var setup = await EmbeddedHost.StartAsync();
        var ex = await Assert.ThrowsAsync<SwitchboardException>(() => setup.Engine.GetChatClient("missing").GetResponseAsync("x"));
        Assert.Equal(404, ex.Status);
        Assert.Equal("model_not_found", ex.Error.Code);
    }
}
