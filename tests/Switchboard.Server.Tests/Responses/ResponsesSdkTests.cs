using System.Text.Json;
using global::OpenAI.Responses;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Responses;

/// <summary>Drives POST /v1/responses with the official OpenAI .NET ResponsesClient, once per upstream kind.</summary>
#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK; it is the client these tests exist for.
public sealed class ResponsesSdkTests
{
    private static readonly FunctionTool Weather = ResponseTool.CreateFunctionTool(
        "get_weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""), strictModeEnabled: false, "Current weather for a city");

    public static TheoryData<string> Kinds => ResponsesSetup.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task CreateResponse_NonStreaming_AnswersWithMessageAndUsage(string kind)
    {
        await using var setup = await ResponsesSetup.StartAsync(kind);

        ResponseResult response = await setup.Client.CreateResponseAsync(new CreateResponseOptions(setup.Model, [ResponseItem.CreateUserMessageItem("Hi there")])
        {
            Instructions = "Be brief.",
            Metadata = { ["ticket"] = "T-1" },
        });

        Assert.StartsWith("resp_", response.Id);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        var message = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(response.OutputItems));
        Assert.StartsWith("msg_", message.Id);
        AssertGreeting(kind, response.GetOutputText());
        Assert.Equal("T-1", response.Metadata["ticket"]);
        var records = await setup.Host.FlushUsageAsync();
        var record = Assert.Single(records);
        Assert.Equal(record.Tokens.InputTokens, response.Usage.InputTokenCount);
        Assert.Equal(record.Tokens.OutputTokens, response.Usage.OutputTokenCount);
        Assert.Equal(record.Tokens.InputTokens + record.Tokens.OutputTokens, response.Usage.TotalTokenCount);
        if (kind != "demo")
        {
            var (prompt, output, cached) = ProtocolFakes.Usage[kind];
            Assert.Equal(prompt, response.Usage.InputTokenCount);
            Assert.Equal(output, response.Usage.OutputTokenCount);
            Assert.Equal(cached, response.Usage.InputTokenDetails.CachedTokenCount);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task CreateResponseStreaming_SendsTheTypedEventsInOrder(string kind)
    {
        await using var setup = await ResponsesSetup.StartAsync(kind);

        var updates = new List<StreamingResponseUpdate>();
        await foreach (var update in setup.Client.CreateResponseStreamingAsync(new CreateResponseOptions(setup.Model, [ResponseItem.CreateUserMessageItem("Hi there")]) { StreamingEnabled = true }))
        {
            updates.Add(update);
        }

        var kinds = updates.Select(u => u.GetType().Name.Replace("StreamingResponse", "").Replace("Update", "")).ToList();
        Assert.Equal(["Created", "InProgress", "OutputItemAdded", "ContentPartAdded"], kinds.Take(4));
        Assert.Equal(["OutputTextDone", "ContentPartDone", "OutputItemDone", "Completed"], kinds.TakeLast(4));
        Assert.All(kinds.Skip(4).SkipLast(4), k => Assert.Equal("OutputTextDelta", k));
        Assert.Equal(Enumerable.Range(0, updates.Count), updates.Select(u => u.SequenceNumber));
        var text = string.Concat(updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Select(u => u.Delta));
        AssertGreeting(kind, text);
        var completed = updates.OfType<StreamingResponseCompletedUpdate>().Single().Response;
        Assert.Equal(ResponseStatus.Completed, completed.Status);
        Assert.Equal(text, completed.GetOutputText());
        var record = Assert.Single(await setup.Host.FlushUsageAsync());
        Assert.Equal(record.Tokens.InputTokens, completed.Usage.InputTokenCount);
        Assert.Equal(record.Tokens.OutputTokens, completed.Usage.OutputTokenCount);
        if (kind != "demo")
        {
            Assert.Equal(ProtocolFakes.Usage[kind].Prompt, completed.Usage.InputTokenCount);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task FunctionCall_RoundTrip_ByResendingItems_AndByPreviousResponseId(string kind)
    {
        await using var setup = await ResponsesSetup.StartAsync(kind);
        List<ResponseItem> input = [ResponseItem.CreateUserMessageItem("Weather in Paris?")];

        ResponseResult first = await setup.Client.CreateResponseAsync(new CreateResponseOptions(setup.Model, input) { Tools = { Weather } });

        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(first.OutputItems));
        Assert.Equal("get_weather", call.FunctionName);
        Assert.StartsWith("fc_", call.Id);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement.ValueKind);
        if (kind != "demo")
        {
            Assert.Equal("Paris", JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement.GetProperty("city").GetString());
        }

        // Stateless: the client sends the whole conversation back.
        var result = ResponseItem.CreateFunctionCallOutputItem(call.CallId, """{"temperature_c":21,"sky":"sunny"}""");
        ResponseResult resent = await setup.Client.CreateResponseAsync(new CreateResponseOptions(setup.Model, [.. input, .. first.OutputItems, result]) { Tools = { Weather }, StoredOutputEnabled = false });
        AssertWeather(kind, resent.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, resent.Status);

        // Stored: the gateway replays the first turn.
        ResponseResult continued = await setup.Client.CreateResponseAsync(new CreateResponseOptions(setup.Model, [result]) { Tools = { Weather }, PreviousResponseId = first.Id });
        AssertWeather(kind, continued.GetOutputText());
        Assert.Equal(first.Id, continued.PreviousResponseId);
        Assert.Equal(3, (await setup.Host.FlushUsageAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task FunctionCall_Streamed_ArrivesAsOneItemWithItsArguments(string kind)
    {
        await using var setup = await ResponsesSetup.StartAsync(kind);

        var updates = new List<StreamingResponseUpdate>();
        await foreach (var update in setup.Client.CreateResponseStreamingAsync(new CreateResponseOptions(setup.Model, [ResponseItem.CreateUserMessageItem("Weather in Paris?")]) { Tools = { Weather }, StreamingEnabled = true }))
        {
            updates.Add(update);
        }

        var arguments = string.Concat(updates.OfType<StreamingResponseFunctionCallArgumentsDeltaUpdate>().Select(u => u.Delta.ToString()));
        var done = updates.OfType<StreamingResponseFunctionCallArgumentsDoneUpdate>().Single();
        Assert.Equal(arguments, done.FunctionArguments.ToString());
        var item = Assert.IsType<FunctionCallResponseItem>(updates.OfType<StreamingResponseOutputItemDoneUpdate>().Single().Item);
        Assert.Equal("get_weather", item.FunctionName);
        Assert.Equal(arguments, item.FunctionArguments.ToString());
        var completed = updates.OfType<StreamingResponseCompletedUpdate>().Single().Response;
        Assert.Equal(item.CallId, Assert.IsType<FunctionCallResponseItem>(Assert.Single(completed.OutputItems)).CallId);

        // The streamed response was stored: continuing it answers the call.
        ResponseResult continued = await setup.Client.CreateResponseAsync(new CreateResponseOptions(setup.Model, [ResponseItem.CreateFunctionCallOutputItem(item.CallId, "sunny, 21 C")]) { Tools = { Weather }, PreviousResponseId = completed.Id });
        AssertWeather(kind, continued.GetOutputText());
    }

    [Fact]
    public async Task StoredResponse_GetThenDelete_ThenGone()
    {
        await using var setup = await ResponsesSetup.StartAsync("openai");
        ResponseResult created = await setup.Client.CreateResponseAsync(new CreateResponseOptions(setup.Model, [ResponseItem.CreateUserMessageItem("Hi there")]));

        ResponseResult read = await setup.Client.GetResponseAsync(created.Id);
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(created.GetOutputText(), read.GetOutputText());
        Assert.Equal(created.Usage.TotalTokenCount, read.Usage.TotalTokenCount);

        ResponseDeletionResult deleted = await setup.Client.DeleteResponseAsync(created.Id);
        Assert.True(deleted.Deleted);
        Assert.Equal(created.Id, deleted.ResponseId);

        var gone = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => setup.Client.GetResponseAsync(created.Id));
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task StoreFalse_IsNotStored()
    {
        await using var setup = await ResponsesSetup.StartAsync("demo");
        ResponseResult created = await setup.Client.CreateResponseAsync(new CreateResponseOptions(setup.Model, [ResponseItem.CreateUserMessageItem("Hi")]) { StoredOutputEnabled = false });

        Assert.False((await setup.Host.CreateClient().GetAsync($"v1/responses/{created.Id}")).IsSuccessStatusCode);
        var error = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => setup.Client.CreateResponseAsync(new CreateResponseOptions(setup.Model, [ResponseItem.CreateUserMessageItem("Again")]) { PreviousResponseId = created.Id }));
        Assert.Equal(400, error.Status);
    }

    private static void AssertGreeting(string kind, string text)
    {
        if (kind == "demo")
        {
            Assert.Contains("Hi there", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(ProtocolFakes.Greeting, text);
        }
    }

    private static void AssertWeather(string kind, string text)
    {
        if (kind == "demo")
        {
            Assert.Contains("sunny", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(ProtocolFakes.WeatherAnswer, text);
        }
    }
}
#pragma warning restore OPENAI001
