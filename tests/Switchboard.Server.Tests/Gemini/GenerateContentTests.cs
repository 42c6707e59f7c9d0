using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Gemini;

/// <summary>Drives <c>/v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent</c> with bodies as Gemini CLI and google-genai send them, against every upstream kind.</summary>
public sealed class GenerateContentTests
{
    private const string Hello = """{"contents":[{"role":"user","parts":[{"text":"Hi there"}]}],"generationConfig":{"temperature":0.2,"topK":40,"maxOutputTokens":256}}""";

    // As google-genai sends a function declaration: Google's Schema with upper-case types.
    private const string Tools = "\"tools\":" + """[{"functionDeclarations":[{"name":"get_weather","description":"Current weather for a city","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}}]}]""";

    public static TheoryData<string> Kinds => new() { "openai", "anthropic", "gemini", "demo" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task GenerateContent_AnswersInGeminiShape_WithTheRecordedUsage(string kind)
    {
        await using var gemini = await GeminiClient.StartAsync(kind);

        var (status, body, _) = await gemini.PostAsync("chat:generateContent", Hello);

        Assert.Equal(200, status);
        var root = JsonDocument.Parse(body).RootElement;
        var candidate = root.GetProperty("candidates")[0];
        Assert.Equal("model", candidate.GetProperty("content").GetProperty("role").GetString());
        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
        AssertGreeting(kind, GeminiClient.TextOf(root));
        var record = Assert.Single(await gemini.Host.FlushUsageAsync());
        Assert.False(record.Stream);
        Assert.Equal("success", record.Status);
        AssertUsage(kind, root.GetProperty("usageMetadata"), record);
        if (kind != "demo")
        {
            // topK has no place in the canonical body (OpenAI refuses it); the platform gets the mapped fields only.
            Assert.DoesNotContain("topK", gemini.Upstream!.LastRequest.BodyText, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task StreamGenerateContent_Sse_TextEventsThenOneFinalEventWithFinishAndUsage(string kind)
    {
        await using var gemini = await GeminiClient.StartAsync(kind);

        var (status, body, contentType) = await gemini.PostAsync("chat:streamGenerateContent?alt=sse", Hello);

        Assert.Equal(200, status);
        Assert.Equal("text/event-stream", contentType);
        var events = GeminiClient.Events(body);
        Assert.True(events.Count >= 2, body);
        AssertGreeting(kind, string.Concat(events.Select(GeminiClient.TextOf)));
        Assert.All(events[..^1], e => Assert.False(e.GetProperty("candidates")[0].TryGetProperty("finishReason", out _)));
        var last = events[^1];
        Assert.Equal("STOP", last.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        var record = Assert.Single(await gemini.Host.FlushUsageAsync());
        Assert.True(record.Stream);
        Assert.Equal("success", record.Status);
        AssertUsage(kind, last.GetProperty("usageMetadata"), record);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ToolRoundTrip_FunctionCallThenFunctionResponse_ModelAnswers(string kind)
    {
        await using var gemini = await GeminiClient.StartAsync(kind);
        var ask = """{"role":"user","parts":[{"text":"Weather in Paris?"}]}""";

        var (status, body, _) = await gemini.PostAsync("chat:generateContent", "{\"contents\":[" + ask + "]," + Tools + "}");

        Assert.Equal(200, status);
        var parts = JsonDocument.Parse(body).RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts");
        var callPart = parts.EnumerateArray().Single(p => p.TryGetProperty("functionCall", out _));
        var call = callPart.GetProperty("functionCall");
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, call.GetProperty("args").ValueKind);
        if (kind != "demo")
        {
            Assert.Equal("Paris", call.GetProperty("args").GetProperty("city").GetString());
        }

        // Gemini CLI echoes the model turn and answers with a functionResponse carrying the call's id.
        var answer = """{"role":"user","parts":[{"functionResponse":{"id":""" + call.GetProperty("id").GetRawText() + ""","name":"get_weather","response":{"output":"sunny, 21 C"}}}]}""";
        (status, body, _) = await gemini.PostAsync("chat:generateContent", "{\"contents\":[" + ask + ",{\"role\":\"model\",\"parts\":[" + callPart.GetRawText() + "]}," + answer + "]," + Tools + "}");

        Assert.Equal(200, status);
        var text = GeminiClient.TextOf(JsonDocument.Parse(body).RootElement);
        Assert.Equal(kind == "demo" ? "The tool returned: {\"output\":\"sunny, 21 C\"}" : ProtocolFakes.WeatherAnswer, text);
        Assert.Equal(2, (await gemini.Host.FlushUsageAsync()).Count);
        if (kind == "openai")
        {
            // The tool result answers the very call the assistant turn holds.
            using var sent = JsonDocument.Parse(gemini.Upstream!.LastRequest.Body);
            var messages = sent.RootElement.GetProperty("messages");
            Assert.Equal(messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString(), messages[2].GetProperty("tool_call_id").GetString());
            Assert.Equal("string", sent.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task StreamGenerateContent_ToolCall_ArrivesAsOneWholeFunctionCallWithParsedArgs(string kind)
    {
        await using var gemini = await GeminiClient.StartAsync(kind);

        var (status, body, _) = await gemini.PostAsync("chat:streamGenerateContent?alt=sse", """{"contents":[{"role":"user","parts":[{"text":"Weather in Paris?"}]}],""" + Tools + "}");

        Assert.Equal(200, status);
        var calls = GeminiClient.Events(body)
            .SelectMany(e => e.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray())
            .Where(p => p.TryGetProperty("functionCall", out _))
            .Select(p => p.GetProperty("functionCall"))
            .ToList();
        var call = Assert.Single(calls);
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        if (kind != "demo")
        {
            Assert.Equal("Paris", call.GetProperty("args").GetProperty("city").GetString());
        }

        Assert.Single(await gemini.Host.FlushUsageAsync());
    }

    [Fact]
    public async Task FunctionResponseWithoutId_AnswersTheOldestCallOfItsName()
    {
        await using var gemini = await GeminiClient.StartAsync("openai");
        var body = """
            {"contents":[
              {"role":"user","parts":[{"text":"Weather in Paris and Rome?"}]},
              {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},{"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"sky":"sunny"}}},{"functionResponse":{"name":"get_weather","response":{"sky":"rain"}}}]}
            ],
            """ + Tools + "}";

        var (status, _, _) = await gemini.PostAsync("chat:generateContent", body);

        Assert.Equal(200, status);
        using var sent = JsonDocument.Parse(gemini.Upstream!.LastRequest.Body);
        var messages = sent.RootElement.GetProperty("messages");
        var ids = messages[1].GetProperty("tool_calls").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal(ids[0], messages[2].GetProperty("tool_call_id").GetString());
        Assert.Contains("sunny", messages[2].GetProperty("content").GetString());
        Assert.Equal(ids[1], messages[3].GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public async Task StreamGenerateContent_WithoutAltSse_IsOneJsonArrayOfResponses()
    {
        await using var gemini = await GeminiClient.StartAsync("openai");

        var (status, body, contentType) = await gemini.PostAsync("chat:streamGenerateContent", Hello);

        Assert.Equal(200, status);
        Assert.Equal("application/json", contentType);
        var array = JsonDocument.Parse(body).RootElement;
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        Assert.Equal(ProtocolFakes.Greeting, string.Concat(array.EnumerateArray().Select(GeminiClient.TextOf)));
        Assert.Equal(18, array[array.GetArrayLength() - 1].GetProperty("usageMetadata").GetProperty("totalTokenCount").GetInt32());
    }

    [Theory]
    [InlineData("qwen%2F%E9%80%9A%E4%B9%89flash")]
    [InlineData("qwen/%E9%80%9A%E4%B9%89flash")]
    [InlineData("models/qwen%2F%E9%80%9A%E4%B9%89flash")]
    public async Task ModelIdWithSlashAndNonAscii_IsReadFromThePathAsGoogleClientsSendIt(string path)
    {
        await using var host = await GatewayHost.StartAsync("platforms:\n  qwen:\n    kind: demo\n    base_url: https://demo.switchboard.invalid\n    models:\n      通义flash: demo\n");
        using var client = host.CreateClient(key: null);

        using var response = await client.PostAsync($"v1beta/models/{path}:generateContent?key={GatewayHost.AdminKey}", new StringContent(Hello, System.Text.Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("Hello from the Switchboard demo model", GeminiClient.TextOf(JsonDocument.Parse(body).RootElement));
        Assert.Equal("qwen/通义flash", Assert.Single(await host.FlushUsageAsync()).RequestedModel);
    }

    [Fact]
    public async Task CountTokens_AndModelList_AnswerInGeminiShape()
    {
        await using var gemini = await GeminiClient.StartAsync("demo");

        var (status, body, _) = await gemini.PostAsync("chat:countTokens", """{"contents":[{"role":"user","parts":[{"text":"How many tokens is this sentence?"}]}]}""");
        var (wrappedStatus, wrapped, _) = await gemini.PostAsync("chat:countTokens", """{"generateContentRequest":{"model":"models/chat","contents":[{"role":"user","parts":[{"text":"How many tokens is this sentence?"}]}]}}""");

        Assert.Equal(200, status);
        Assert.Equal(200, wrappedStatus);
        var tokens = JsonDocument.Parse(body).RootElement.GetProperty("totalTokens").GetInt32();
        Assert.InRange(tokens, 5, 40);
        Assert.Equal(tokens, JsonDocument.Parse(wrapped).RootElement.GetProperty("totalTokens").GetInt32());
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1beta/models");
        request.Headers.Add("x-goog-api-key", GatewayHost.AdminKey);
        using var list = await gemini.Http.SendAsync(request);
        var models = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("models");
        var chat = models.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "models/chat");
        Assert.Contains("generateContent", chat.GetProperty("supportedGenerationMethods").EnumerateArray().Select(m => m.GetString()));
    }

    private static void AssertGreeting(string kind, string text)
    {
        if (kind == "demo")
        {
            Assert.StartsWith("Hello from the Switchboard demo model. You said: \"Hi there\".", text);
        }
        else
        {
            Assert.Equal(ProtocolFakes.Greeting, text);
        }
    }

    private static void AssertUsage(string kind, JsonElement metadata, Abstractions.Usage.UsageRecord record)
    {
        var prompt = metadata.GetProperty("promptTokenCount").GetInt64();
        var output = metadata.GetProperty("candidatesTokenCount").GetInt64();
        Assert.Equal(record.Tokens.InputTokens, prompt);
        Assert.Equal(record.Tokens.OutputTokens, output);
        Assert.Equal(prompt + output, metadata.GetProperty("totalTokenCount").GetInt64());
        if (kind != "demo")
        {
            var (expectedPrompt, expectedOutput, cached) = ProtocolFakes.Usage[kind];
            Assert.Equal(expectedPrompt, prompt);
            Assert.Equal(expectedOutput, output);
            Assert.Equal(cached, metadata.TryGetProperty("cachedContentTokenCount", out var c) ? c.GetInt32() : 0);
        }
        else
        {
            Assert.True(prompt > 0 && output > 0);
        }
    }
}
