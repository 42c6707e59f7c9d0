using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Gemini.GeminiTestKit;

namespace Switchboard.Providers.Tests.Gemini;

public sealed class GeminiCompletionTests : IAsyncLifetime
{
    private const string Hello = """{"messages":[{"role":"user","content":"hi"}]}""";
    private FakeUpstream _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeUpstream.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task CompleteAsync_TextAndThoughts_MapsContentReasoningAndUsage()
    {
        // Pretty-printed, as Google sends unary responses.
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
        {
          "candidates": [
            {
              "content": {
                "parts": [
                  {"text": "Weighing the options…", "thought": true},
                  {"text": "It is "},
                  {"text": "sunny <3.", "thoughtSignature": "c2ln"}
                ],
                "role": "model"
              },
              "finishReason": "STOP",
              "index": 0,
              "safetyRatings": [{"category": "HARM_CATEGORY_HARASSMENT", "probability": "NEGLIGIBLE"}]
            }
          ],
          "usageMetadata": {
            "promptTokenCount": 40,
            "candidatesTokenCount": 6,
            "totalTokenCount": 171,
            "cachedContentTokenCount": 10,
            "toolUsePromptTokenCount": 5,
            "thoughtsTokenCount": 120,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 40}]
          },
          "modelVersion": "gemini-2.5-flash-001",
          "responseId": "abc123"
        }
        """);

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var completion = result.Value!;
        Assert.Equal(new TokenUsage(45, 126, CachedInputTokens: 10, ReasoningTokens: 120), completion.Usage);
        Assert.Equal(UsageSource.Reported, completion.UsageSource);
        Assert.Equal("stop", completion.FinishReason);
        var json = JsonNode.Parse(completion.Json.Span)!;
        Assert.InRange(json["created"]!.GetValue<long>(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        json.AsObject().Remove("created");
        AssertJsonEqual("""
        {"id":"chatcmpl-abc123","object":"chat.completion","model":"gemini-2.5-flash-001",
         "choices":[{"index":0,"message":{"role":"assistant","content":"It is sunny <3.","reasoning_content":"Weighing the options…"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":45,"completion_tokens":126,"total_tokens":171,
                  "prompt_tokens_details":{"cached_tokens":10},"completion_tokens_details":{"reasoning_tokens":120}}}
        """, json.ToJsonString());
    }

    [Fact]
    public async Task CompleteAsync_FunctionCalls_MapsToolCallsWithIdsArgumentsAndSignature()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
        {"candidates":[{"content":{"role":"model","parts":[
            {"functionCall":{"name":"get_weather","args":{"city":"北京","opts":{"units":"C"}}},"thoughtSignature":"CiQB0e2Kb/sig=="},
            {"functionCall":{"id":"fc-2","name":"get_time","args":{}}},
            {"functionCall":{"name":"ping"}}
          ]},"finishReason":"STOP"}],
         "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":20,"totalTokenCount":32}}
        """);

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("tool_calls", result.Value!.FinishReason);
        var json = JsonNode.Parse(result.Value.Json.Span)!;
        Assert.StartsWith("chatcmpl-", json["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(Model, json["model"]!.GetValue<string>());
        var message = json["choices"]![0]!["message"]!;
        Assert.Null(message["content"]);
        Assert.True(message.AsObject().ContainsKey("content"));
        var calls = message["tool_calls"]!.AsArray();
        Assert.Equal(3, calls.Count);
        Assert.Matches("^call_[0-9a-f]{24}$", calls[0]!["id"]!.GetValue<string>());
        Assert.Equal("fc-2", calls[1]!["id"]!.GetValue<string>());
        Assert.NotEqual(calls[0]!["id"]!.GetValue<string>(), calls[2]!["id"]!.GetValue<string>());
        calls[0]!.AsObject().Remove("id");
        AssertJsonEqual("""
        {"type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"北京\",\"opts\":{\"units\":\"C\"}}"},"thought_signature":"CiQB0e2Kb/sig=="}
        """, calls[0]!.ToJsonString());
        Assert.Equal("{\"city\":\"北京\",\"opts\":{\"units\":\"C\"}}", calls[0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("{}", calls[1]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("{}", calls[2]!["function"]!["arguments"]!.GetValue<string>());
        Assert.False(calls[1]!.AsObject().ContainsKey("thought_signature"));
    }

    [Theory]
    [InlineData("STOP", false, "stop")]
    [InlineData("STOP", true, "tool_calls")]
    [InlineData("MAX_TOKENS", false, "length")]
    [InlineData("MAX_TOKENS", true, "length")]
    [InlineData("SAFETY", false, "content_filter")]
    [InlineData("RECITATION", false, "content_filter")]
    [InlineData("LANGUAGE", false, "content_filter")]
    [InlineData("OTHER", false, "content_filter")]
    [InlineData("BLOCKLIST", false, "content_filter")]
    [InlineData("PROHIBITED_CONTENT", false, "content_filter")]
    [InlineData("SPII", false, "content_filter")]
    [InlineData("IMAGE_SAFETY", false, "content_filter")]
    [InlineData("IMAGE_PROHIBITED_CONTENT", false, "content_filter")]
    [InlineData("IMAGE_RECITATION", false, "content_filter")]
    [InlineData("IMAGE_OTHER", false, "content_filter")]
    [InlineData("NO_IMAGE", false, "stop")]
    [InlineData("MALFORMED_FUNCTION_CALL", false, "stop")]
    [InlineData("UNEXPECTED_TOOL_CALL", false, "stop")]
    [InlineData("TOO_MANY_TOOL_CALLS", true, "stop")]
    [InlineData("FINISH_REASON_UNSPECIFIED", false, "stop")]
    [InlineData("SOMETHING_NEW", false, "stop")]
    [InlineData("SOMETHING_NEW", true, "tool_calls")]
    public async Task CompleteAsync_FinishReason_MapsToOpenAIValue(string geminiReason, bool withCall, string expected)
    {
        var part = withCall ? """{"functionCall":{"name":"f","args":{}}}""" : """{"text":"x"}""";
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, $$"""{"candidates":[{"content":{"role":"model","parts":[{{part}}]},"finishReason":"{{geminiReason}}"}]}""");

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(expected, result.Value!.FinishReason);
        Assert.Equal(expected, JsonNode.Parse(result.Value.Json.Span)!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(UsageSource.None, result.Value.UsageSource);
    }

    [Fact]
    public async Task CompleteAsync_SafetyStopWithoutContent_ReturnsEmptyContentFilteredChoice()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """{"candidates":[{"finishReason":"SAFETY","index":0}],"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9}}""");

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var choice = JsonNode.Parse(result.Value!.Json.Span)!["choices"]![0]!;
        Assert.Equal("", choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("content_filter", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal(new TokenUsage(9, 0), result.Value.Usage);
    }

    [Fact]
    public async Task CompleteAsync_BlockedPrompt_ReturnsContentFilteredError()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
        {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT","blockReasonMessage":"Not allowed."},"usageMetadata":{"promptTokenCount":7,"totalTokenCount":7},"responseId":"r"}
        """);

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(UpstreamErrorKind.ContentFiltered, result.Error!.Kind);
        Assert.Equal("PROHIBITED_CONTENT", result.Error.UpstreamCode);
        Assert.Contains("PROHIBITED_CONTENT", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Not allowed.", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_SeveralCandidates_MapsEachToAChoice()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
        {"candidates":[{"content":{"role":"model","parts":[{"text":"A"}]},"finishReason":"STOP"},
                       {"content":{"role":"model","parts":[{"text":"B"}]},"finishReason":"MAX_TOKENS","index":1}]}
        """);

        var result = await Provider().CompleteAsync(Call(_fake, """{"messages":[{"role":"user","content":"hi"}],"n":2}"""), CancellationToken.None);

        var choices = JsonNode.Parse(result.Value!.Json.Span)!["choices"]!.AsArray();
        Assert.Equal(2, choices.Count);
        Assert.Equal("A", choices[0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(1, choices[1]!["index"]!.GetValue<int>());
        Assert.Equal("length", choices[1]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("stop", result.Value.FinishReason);
    }

    [Fact]
    public async Task CompleteAsync_NotJson_ReturnsMalformedResponse()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, "<html>proxy</html>");

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.MalformedResponse, result.Error!.Kind);
    }
}
