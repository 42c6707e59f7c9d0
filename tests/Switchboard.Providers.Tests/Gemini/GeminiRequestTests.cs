using Switchboard.Abstractions.Chat;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Gemini.GeminiTestKit;

namespace Switchboard.Providers.Tests.Gemini;

public sealed class GeminiRequestTests : IAsyncLifetime
{
    private const string TextResponse = """{"candidates":[{"content":{"role":"model","parts":[{"text":"ok"}]},"finishReason":"STOP"}],"responseId":"r1"}""";
    private FakeUpstream _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeUpstream.StartAsync();
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, TextResponse);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task CompleteAsync_FullConversation_SendsExactGeminiBody()
    {
        const string body = """
        {
          "model": "gemini",
          "messages": [
            {"role": "system", "content": "Answer briefly."},
            {"role": "developer", "content": [{"type": "text", "text": "Use metric units."}]},
            {"role": "user", "content": [
              {"type": "text", "text": "What is in this image, and the weather in Paris and Rome?"},
              {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
              {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg?size=large"}}
            ]},
            {"role": "assistant", "content": null, "tool_calls": [
              {"id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}, "thought_signature": "c2lnLWE="},
              {"id": "call_b", "type": "function", "function": {"name": "get_time", "arguments": "{\"city\":\"Rome\"}"}}
            ]},
            {"role": "tool", "tool_call_id": "call_b", "content": "12:00"},
            {"role": "tool", "tool_call_id": "call_a", "content": "{\"tempC\": 21}"},
            {"role": "assistant", "content": "Paris is 21°C; Rome says 12:00."},
            {"role": "user", "content": "Thanks. And tomorrow?"}
          ],
          "tools": [
            {"type": "function", "function": {"name": "get_weather", "description": "Weather for a city", "strict": true,
              "parameters": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false,
                "properties": {"city": {"type": "string", "description": "City name"}, "days": {"type": ["integer", "null"], "minimum": 1}},
                "required": ["city", "ghost"]}}},
            {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}},
            {"type": "function", "function": {"name": "ping", "parameters": {"type": "object", "properties": {}}}}
          ],
          "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
          "temperature": 0.3,
          "top_p": 0.9,
          "max_tokens": 100,
          "max_completion_tokens": 1024,
          "stop": "END",
          "n": 1,
          "seed": 7,
          "presence_penalty": 0.5,
          "frequency_penalty": 0.25,
          "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "strict": true,
            "schema": {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"], "additionalProperties": false}}},
          "reasoning_effort": "low",
          "user": "u-1",
          "parallel_tool_calls": true,
          "stream_options": {"include_usage": true}
        }
        """;

        var result = await Provider().CompleteAsync(Call(_fake, body), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var request = _fake.LastRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", request.Path);
        Assert.Equal("", request.Query);
        Assert.Equal(Key, request.Header("x-goog-api-key"));
        Assert.Null(request.Header("Authorization"));
        Assert.DoesNotContain(Key, request.Path + request.Query, StringComparison.Ordinal);
        Assert.Contains("21°C", request.BodyText, StringComparison.Ordinal);
        AssertJsonEqual("""
        {
          "systemInstruction": {"parts": [{"text": "Answer briefly."}, {"text": "Use metric units."}]},
          "contents": [
            {"role": "user", "parts": [
              {"text": "What is in this image, and the weather in Paris and Rome?"},
              {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
              {"fileData": {"mimeType": "image/jpeg", "fileUri": "https://example.com/cat.jpg?size=large"}}
            ]},
            {"role": "model", "parts": [
              {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}, "thoughtSignature": "c2lnLWE="},
              {"functionCall": {"name": "get_time", "args": {"city": "Rome"}}}
            ]},
            {"role": "user", "parts": [
              {"functionResponse": {"name": "get_time", "response": {"result": "12:00"}}},
              {"functionResponse": {"name": "get_weather", "response": {"tempC": 21}}}
            ]},
            {"role": "model", "parts": [{"text": "Paris is 21°C; Rome says 12:00."}]},
            {"role": "user", "parts": [{"text": "Thanks. And tomorrow?"}]}
          ],
          "tools": [{"functionDeclarations": [
            {"name": "get_weather", "description": "Weather for a city",
             "parameters": {"type": "object",
               "properties": {"city": {"type": "string", "description": "City name"}, "days": {"type": "integer", "nullable": true, "minimum": 1}},
               "required": ["city"]}},
            {"name": "get_time", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}},
            {"name": "ping"}
          ]}],
          "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}},
          "generationConfig": {
            "temperature": 0.3, "topP": 0.9, "maxOutputTokens": 1024, "stopSequences": ["END"], "candidateCount": 1, "seed": 7,
            "presencePenalty": 0.5, "frequencyPenalty": 0.25,
            "responseMimeType": "application/json",
            "responseJsonSchema": {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"], "additionalProperties": false},
            "thinkingConfig": {"thinkingBudget": 1024, "includeThoughts": true}
          }
        }
        """, request.BodyText);
    }

    [Fact]
    public async Task StreamAsync_Request_UsesAltSseUrlAndHeaderKey()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, SseEvents(TextResponse));

        var result = await Provider().StreamAsync(Call(_fake, """{"messages":[{"role":"user","content":"hi"}],"stream":true}""", stream: true), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var stream = result.Value!;
        await DrainAsync(stream);
        var request = _fake.LastRequest;
        Assert.Equal("/v1beta/models/gemini-2.5-flash:streamGenerateContent", request.Path);
        Assert.Equal("?alt=sse", request.Query);
        Assert.Equal(Key, request.Header("x-goog-api-key"));
        Assert.DoesNotContain("key=", request.Query, StringComparison.OrdinalIgnoreCase);
        AssertJsonEqual("""{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""", request.BodyText);
    }

    [Fact]
    public async Task CompleteAsync_ModelNeedingEscapes_IsOnePathSegment()
    {
        var call = Call(_fake, """{"messages":[{"role":"user","content":"hi"}]}""", target: Target(_fake, model: "models/my model?x=1"));

        await Provider().CompleteAsync(call, CancellationToken.None);

        // Kestrel decodes the path; an empty query proves the '?' travelled escaped inside the segment.
        Assert.Equal("/v1beta/models/my model?x=1:generateContent", _fake.LastRequest.Path);
        Assert.Equal("", _fake.LastRequest.Query);
    }

    [Fact]
    public async Task CompleteAsync_EchoedToolCallMessage_RoundTripsThoughtSignature()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
        {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"f","args":{"a":1}},"thoughtSignature":"Zmlyc3Q="}]},"finishReason":"STOP"}]}
        """);
        var first = await Provider().CompleteAsync(Call(_fake, """{"messages":[{"role":"user","content":"go"}]}"""), CancellationToken.None);
        var message = System.Text.Json.Nodes.JsonNode.Parse(first.Value!.Json.Span)!["choices"]![0]!["message"]!.ToJsonString();
        var callId = System.Text.Json.Nodes.JsonNode.Parse(message)!["tool_calls"]![0]!["id"]!.GetValue<string>();
        var next = """{"messages":[{"role":"user","content":"go"},""" + message
            + """,{"role":"tool","tool_call_id":""" + $"\"{callId}\"" + ""","content":"{\"ok\":true}"},{"role":"user","content":"and?"}]}""";

        await Provider().CompleteAsync(Call(_fake, next), CancellationToken.None);

        using var json = _fake.LastRequest.Json();
        AssertJsonEqual("""
        [{"role":"user","parts":[{"text":"go"}]},
         {"role":"model","parts":[{"functionCall":{"name":"f","args":{"a":1}},"thoughtSignature":"Zmlyc3Q="}]},
         {"role":"user","parts":[{"functionResponse":{"name":"f","response":{"ok":true}}}]},
         {"role":"user","parts":[{"text":"and?"}]}]
        """, json.RootElement.GetProperty("contents").GetRawText());
    }

    [Fact]
    public async Task CompleteAsync_CompatExtraContentSignature_IsAccepted()
    {
        var body = """
        {"messages":[{"role":"user","content":"go"},
          {"role":"assistant","content":"Calling.","tool_calls":[{"id":"x","type":"function","function":{"name":"f","arguments":"{}"},"extra_content":{"google":{"thought_signature":"Y29tcGF0"}}}]},
          {"role":"tool","tool_call_id":"x","content":"done"}]}
        """;

        await Provider().CompleteAsync(Call(_fake, body), CancellationToken.None);

        using var json = _fake.LastRequest.Json();
        AssertJsonEqual("""{"role":"model","parts":[{"text":"Calling."},{"functionCall":{"name":"f","args":{}},"thoughtSignature":"Y29tcGF0"}]}""",
            json.RootElement.GetProperty("contents")[1].GetRawText());
    }

    [Theory]
    [InlineData("\"auto\"", """{"functionCallingConfig":{"mode":"AUTO"}}""")]
    [InlineData("\"none\"", """{"functionCallingConfig":{"mode":"NONE"}}""")]
    [InlineData("\"required\"", """{"functionCallingConfig":{"mode":"ANY"}}""")]
    [InlineData("""{"type":"function","function":{"name":"f"}}""", """{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["f"]}}""")]
    public async Task CompleteAsync_ToolChoice_MapsToFunctionCallingMode(string toolChoice, string expected)
    {
        var body = """{"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"string"}}}}}],"tool_choice":""" + toolChoice + "}";

        await Provider().CompleteAsync(Call(_fake, body), CancellationToken.None);

        using var json = _fake.LastRequest.Json();
        AssertJsonEqual(expected, json.RootElement.GetProperty("toolConfig").GetRawText());
    }

    [Theory]
    [InlineData("none", """{"thinkingBudget":0}""")]
    [InlineData("minimal", """{"thinkingBudget":512,"includeThoughts":true}""")]
    [InlineData("medium", """{"thinkingBudget":8192,"includeThoughts":true}""")]
    [InlineData("high", """{"thinkingBudget":24576,"includeThoughts":true}""")]
    public async Task CompleteAsync_ReasoningEffort_MapsToThinkingBudget(string effort, string expected)
    {
        var body = $$"""{"messages":[{"role":"user","content":"hi"}],"reasoning_effort":"{{effort}}"}""";

        await Provider().CompleteAsync(Call(_fake, body), CancellationToken.None);

        using var json = _fake.LastRequest.Json();
        AssertJsonEqual(expected, json.RootElement.GetProperty("generationConfig").GetProperty("thinkingConfig").GetRawText());
    }

    [Fact]
    public async Task CompleteAsync_JsonObjectFormatAndStopArray_SetsMimeTypeAndSequences()
    {
        var body = """{"messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_object"},"stop":["a","b"],"n":2}""";

        await Provider().CompleteAsync(Call(_fake, body), CancellationToken.None);

        AssertJsonEqual("""{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"responseMimeType":"application/json","stopSequences":["a","b"],"candidateCount":2}}""",
            _fake.LastRequest.BodyText);
    }

    [Fact]
    public async Task CompleteAsync_ExtraBody_FillsOnlyWhatTranslationLeftOpen()
    {
        var target = Target(_fake,
            extraBody: """{"generationConfig":{"temperature":1.5,"thinkingConfig":{"thinkingBudget":0}},"safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_ONLY_HIGH"}]}""",
            platformExtraBody: """{"generationConfig":{"topK":40,"thinkingConfig":{"thinkingBudget":99}},"safetySettings":[]}""");
        var body = """{"messages":[{"role":"user","content":"hi"}],"temperature":0.2}""";

        await Provider().CompleteAsync(Call(_fake, body, target: target), CancellationToken.None);

        AssertJsonEqual("""
        {"contents":[{"role":"user","parts":[{"text":"hi"}]}],
         "generationConfig":{"temperature":0.2,"thinkingConfig":{"thinkingBudget":0},"topK":40},
         "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_ONLY_HIGH"}]}
        """, _fake.LastRequest.BodyText);
    }

    [Fact]
    public async Task CompleteAsync_ConsecutiveUserMessagesAndMedia_MergeIntoOneTurn()
    {
        var body = """
        {"messages":[
          {"role":"user","content":"first"},
          {"role":"user","content":[{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},
                                    {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0=","filename":"a.pdf"}}]},
          {"role":"assistant","content":[{"type":"text","text":"one"},{"type":"refusal","refusal":"no"}]},
          {"role":"assistant","content":""},
          {"role":"user","content":"again"}
        ]}
        """;

        await Provider().CompleteAsync(Call(_fake, body), CancellationToken.None);

        AssertJsonEqual("""
        {"contents":[
          {"role":"user","parts":[{"text":"first"},{"inlineData":{"mimeType":"audio/wav","data":"UklGRg=="}},{"inlineData":{"mimeType":"application/pdf","data":"JVBERi0="}}]},
          {"role":"model","parts":[{"text":"one"},{"text":"no"}]},
          {"role":"user","parts":[{"text":"again"}]}
        ]}
        """, _fake.LastRequest.BodyText);
    }

    [Fact]
    public async Task CompleteAsync_ToolSchemaWithRefsAndUnions_IsCleanedForGemini()
    {
        var body = """
        {"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":{
          "type":"object","$defs":{"Point":{"type":"object","properties":{"x":{"type":"number","format":"double"}},"additionalProperties":false}},
          "properties":{
            "where":{"$ref":"#/$defs/Point","description":"The place"},
            "maybe":{"anyOf":[{"type":"string","format":"uri"},{"type":"null"}]},
            "either":{"oneOf":[{"type":"string"},{"type":"integer"}]},
            "mode":{"const":"fast"},
            "level":{"type":"integer","enum":[1,2]},
            "tags":{"type":"array","items":{"type":"string"},"uniqueItems":true,"propertyNames":{"pattern":"x"}}
          },
          "required":["where"]}}}]}
        """;

        await Provider().CompleteAsync(Call(_fake, body), CancellationToken.None);

        using var json = _fake.LastRequest.Json();
        AssertJsonEqual("""
        {"type":"object","properties":{
          "where":{"type":"object","properties":{"x":{"type":"number","format":"double"}},"description":"The place"},
          "maybe":{"type":"string","nullable":true},
          "either":{"anyOf":[{"type":"string"},{"type":"integer"}]},
          "mode":{"enum":["fast"]},
          "level":{"type":"integer","enum":["1","2"]},
          "tags":{"type":"array","items":{"type":"string"}}
        },"required":["where"]}
        """, json.RootElement.GetProperty("tools")[0].GetProperty("functionDeclarations")[0].GetProperty("parameters").GetRawText());
    }

    [Fact]
    public async Task CompleteAsync_JsonSchemaToolOption_SendsParametersJsonSchemaUntouched()
    {
        const string parameters = """{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}""";
        var target = Target(_fake, options: new Dictionary<string, string> { ["tool_parameters"] = "json_schema" });
        var body = """{"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":""" + parameters + "}}]}";

        await Provider().CompleteAsync(Call(_fake, body, target: target), CancellationToken.None);

        using var json = _fake.LastRequest.Json();
        var declaration = json.RootElement.GetProperty("tools")[0].GetProperty("functionDeclarations")[0];
        AssertJsonEqual(parameters, declaration.GetProperty("parametersJsonSchema").GetRawText());
        Assert.False(declaration.TryGetProperty("parameters", out _));
    }

    [Fact]
    public async Task CompleteAsync_SignatureFallbackOption_FillsFirstCallOfATurn()
    {
        var target = Target(_fake, options: new Dictionary<string, string> { ["thought_signature_fallback"] = "skip_thought_signature_validator" });
        var body = """
        {"messages":[{"role":"user","content":"hi"},
          {"role":"assistant","tool_calls":[{"id":"1","type":"function","function":{"name":"f","arguments":""}},{"id":"2","type":"function","function":{"name":"f","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"1","content":"[1,2]"},{"role":"tool","tool_call_id":"2","content":"x"}]}
        """;

        await Provider().CompleteAsync(Call(_fake, body, target: target), CancellationToken.None);

        using var json = _fake.LastRequest.Json();
        AssertJsonEqual("""
        [{"role":"user","parts":[{"text":"hi"}]},
         {"role":"model","parts":[{"functionCall":{"name":"f","args":{}},"thoughtSignature":"skip_thought_signature_validator"},{"functionCall":{"name":"f","args":{}}}]},
         {"role":"user","parts":[{"functionResponse":{"name":"f","response":{"result":"[1,2]"}}},{"functionResponse":{"name":"f","response":{"result":"x"}}}]}]
        """, json.RootElement.GetProperty("contents").GetRawText());
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}""",
        "messages[1].tool_calls[0].function.arguments")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"},{"role":"tool","tool_call_id":"nope","content":"x"}]}""", "messages[1].tool_call_id")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"logprobs":true}""", "logprobs")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"reasoning_effort":"extreme"}""", "reasoning_effort")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"tool_choice":"required"}""", "tool_choice")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]}""", "messages[0].content[0].image_url.url")]
    [InlineData("""{"messages":[{"role":"system","content":"only system"}]}""", "messages")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"custom","custom":{"name":"x"}}]}""", "tools[0].type")]
    public async Task CompleteAsync_UntranslatableRequest_ReturnsInvalidRequestNamingField(string body, string param)
    {
        var result = await Provider().CompleteAsync(Call(_fake, body), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(UpstreamErrorKind.InvalidRequest, result.Error!.Kind);
        Assert.Equal(param, result.Error.Param);
        Assert.Contains(param, result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.Requests);
    }
}
