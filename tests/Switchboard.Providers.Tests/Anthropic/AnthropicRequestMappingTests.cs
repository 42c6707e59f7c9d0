using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;
using Switchboard.Providers.Anthropic;
using Switchboard.Providers.Http;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Anthropic.AnthropicTestKit;

namespace Switchboard.Providers.Tests.Anthropic;

public sealed class AnthropicRequestMappingTests : IAsyncLifetime
{
    private const string OkMessage = """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"ok"}],
         "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}
        """;

    private readonly UpstreamHttpClients _clients = new();
    private FakeUpstream _fake = null!;
    private AnthropicProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeUpstream.StartAsync();
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OkMessage);
        _provider = new AnthropicProvider(_clients);
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _clients.Dispose();
    }

    [Fact]
    public async Task CompleteAsync_RichRequest_SendsExactAnthropicBody()
    {
        var json = """
            {
              "model": "claude",
              "messages": [
                {"role": "system", "content": "You are terse."},
                {"role": "user", "content": [
                  {"type": "text", "text": "What is in these pictures?"},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "low"}},
                  {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}}
                ]},
                {"role": "developer", "content": [{"type": "text", "text": "Use tools when useful."}]},
                {"role": "assistant", "content": "Checking.", "tool_calls": [
                  {"id": "toolu_1", "type": "function", "function": {"name": "lookup", "arguments": "{\"q\":\"cat\"}"}},
                  {"id": "toolu_2", "type": "function", "function": {"name": "now", "arguments": ""}}
                ]},
                {"role": "tool", "tool_call_id": "toolu_1", "content": "{\"found\":true}"},
                {"role": "tool", "tool_call_id": "toolu_2", "content": [{"type": "text", "text": "12:00"}]},
                {"role": "user", "content": "Thanks. 谢谢"}
              ],
              "tools": [
                {"type": "function", "function": {"name": "lookup", "description": "Looks things up",
                  "parameters": {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}, "strict": true}},
                {"type": "function", "function": {"name": "now"}}
              ],
              "tool_choice": {"type": "function", "function": {"name": "lookup"}},
              "parallel_tool_calls": false,
              "stop": "END",
              "temperature": 1.5,
              "top_p": 0.9,
              "user": "user_42",
              "seed": 7,
              "frequency_penalty": 0,
              "stream_options": {"include_usage": true}
            }
            """;
        var call = Call(json, Endpoint(_fake.BaseUrl));

        var result = await _provider.CompleteAsync(call, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var request = _fake.LastRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal(Key, request.Header("x-api-key"));
        Assert.Equal("2023-06-01", request.Header("anthropic-version"));
        Assert.Null(request.Header("anthropic-beta"));
        Assert.Null(request.Header("Authorization"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        AssertJsonEqual("""
            {
              "model": "claude-sonnet-4-5",
              "max_tokens": 4096,
              "system": [
                {"type": "text", "text": "You are terse."},
                {"type": "text", "text": "Use tools when useful."}
              ],
              "messages": [
                {"role": "user", "content": [
                  {"type": "text", "text": "What is in these pictures?"},
                  {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                  {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}}
                ]},
                {"role": "assistant", "content": [
                  {"type": "text", "text": "Checking."},
                  {"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {"q": "cat"}},
                  {"type": "tool_use", "id": "toolu_2", "name": "now", "input": {}}
                ]},
                {"role": "user", "content": [
                  {"type": "tool_result", "tool_use_id": "toolu_1", "content": "{\"found\":true}"},
                  {"type": "tool_result", "tool_use_id": "toolu_2", "content": [{"type": "text", "text": "12:00"}]}
                ]},
                {"role": "user", "content": "Thanks. 谢谢"}
              ],
              "tools": [
                {"name": "lookup", "description": "Looks things up",
                 "input_schema": {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}, "strict": true},
                {"name": "now", "input_schema": {"type": "object", "properties": {}}}
              ],
              "tool_choice": {"type": "tool", "name": "lookup", "disable_parallel_tool_use": true},
              "temperature": 1,
              "top_p": 0.9,
              "stop_sequences": ["END"],
              "metadata": {"user_id": "user_42"}
            }
            """, request.Body);

        // Non-ASCII text goes out as UTF-8, not \u escapes.
        Assert.Contains("谢谢", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_EndpointOptionsAndHeaders_OverrideVersionAndAddBeta()
    {
        var endpoint = Endpoint(
            _fake.BaseUrl,
            options: new Dictionary<string, string> { ["anthropic_version"] = "2024-01-01", ["anthropic_beta"] = "prompt-caching-2024-07-31", ["default_max_tokens"] = "1234" },
            headers: new Dictionary<string, string> { ["x-custom"] = "yes" });
        var call = Call("""{"model":"claude","messages":[{"role":"user","content":"Hi"}]}""", endpoint);

        var result = await _provider.CompleteAsync(call, CancellationToken.None);

        Assert.True(result.IsSuccess);
        var request = _fake.LastRequest;
        Assert.Equal("2024-01-01", request.Header("anthropic-version"));
        Assert.Equal("prompt-caching-2024-07-31", request.Header("anthropic-beta"));
        Assert.Equal("yes", request.Header("x-custom"));
        AssertJsonEqual("""{"model":"claude-sonnet-4-5","max_tokens":1234,"messages":[{"role":"user","content":"Hi"}]}""", request.Body);
    }

    [Fact]
    public async Task StreamAsync_SimpleRequest_SendsStreamTrue()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, Events("""{"type":"message_stop"}"""));
        var call = Call("""{"model":"claude","stream":true,"max_completion_tokens":50,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]}""", Endpoint(_fake.BaseUrl));

        var result = await _provider.StreamAsync(call, CancellationToken.None);

        Assert.True(result.IsSuccess);
        await result.Value!.DisposeAsync();
        AssertJsonEqual("""
            {"model":"claude-sonnet-4-5","max_tokens":50,"system":"Be brief.","messages":[{"role":"user","content":"Hi"}],"stream":true}
            """, _fake.LastRequest.Body);
    }

    [Theory]
    [InlineData("low", null, 1024, 4096)]
    [InlineData("medium", null, 4096, 8192)]
    [InlineData("high", null, 16384, 20480)]
    [InlineData("high", 32000, 16384, 32000)]
    [InlineData("low", 1000, 1024, 2024)]
    public async Task CompleteAsync_ReasoningEffort_SetsThinkingBudgetAboveMaxTokens(string effort, int? maxTokens, int budget, int expectedMax)
    {
        var max = maxTokens is null ? "" : $",\"max_tokens\":{maxTokens}";
        var call = Call($$"""{"model":"claude","reasoning_effort":"{{effort}}"{{max}},"messages":[{"role":"user","content":"Think"}]}""", Endpoint(_fake.BaseUrl));

        var result = await _provider.CompleteAsync(call, CancellationToken.None);

        Assert.True(result.IsSuccess);
        AssertJsonEqual($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":{{{expectedMax}}},"messages":[{"role":"user","content":"Think"}],
             "thinking":{"type":"enabled","budget_tokens":{{{budget}}}}}
            """, _fake.LastRequest.Body);
    }

    [Fact]
    public async Task CompleteAsync_ReasoningEffortNone_SendsNoThinking()
    {
        var call = Call("""{"model":"claude","reasoning_effort":"none","messages":[{"role":"user","content":"Hi"}]}""", Endpoint(_fake.BaseUrl));

        await _provider.CompleteAsync(call, CancellationToken.None);

        Assert.Null(JsonNode.Parse(_fake.LastRequest.Body)!["thinking"]);
    }

    [Fact]
    public async Task CompleteAsync_ClientThinkingObject_PassesThroughAndWinsOverEffort()
    {
        var call = Call("""
            {"model":"claude","max_tokens":3000,"reasoning_effort":"high","thinking":{"type":"enabled","budget_tokens":2048,"display":"summarized"},
             "messages":[{"role":"user","content":"Hi"}]}
            """, Endpoint(_fake.BaseUrl));

        await _provider.CompleteAsync(call, CancellationToken.None);

        AssertJsonEqual("""
            {"model":"claude-sonnet-4-5","max_tokens":3000,"messages":[{"role":"user","content":"Hi"}],
             "thinking":{"type":"enabled","budget_tokens":2048,"display":"summarized"}}
            """, _fake.LastRequest.Body);
    }

    [Fact]
    public async Task CompleteAsync_AssistantWithReasoningSignature_SendsThinkingBlockFirst()
    {
        var call = Call("""
            {"model":"claude","max_tokens":8000,"messages":[
              {"role":"user","content":"Weather?"},
              {"role":"assistant","content":null,"reasoning_content":"Need the tool.","reasoning_signature":"sig-abc",
               "tool_calls":[{"id":"toolu_9","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"toolu_9","content":"sunny"}
            ]}
            """, Endpoint(_fake.BaseUrl));

        await _provider.CompleteAsync(call, CancellationToken.None);

        AssertJsonEqual("""
            {"model":"claude-sonnet-4-5","max_tokens":8000,"messages":[
              {"role":"user","content":"Weather?"},
              {"role":"assistant","content":[
                {"type":"thinking","thinking":"Need the tool.","signature":"sig-abc"},
                {"type":"tool_use","id":"toolu_9","name":"weather","input":{"city":"Paris"}}
              ]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_9","content":"sunny"}]}
            ]}
            """, _fake.LastRequest.Body);
    }

    [Fact]
    public async Task CompleteAsync_ReasoningWithoutSignature_DropsThinking()
    {
        var call = Call("""
            {"model":"claude","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello","reasoning_content":"unsigned"},{"role":"user","content":"Again"}]}
            """, Endpoint(_fake.BaseUrl));

        await _provider.CompleteAsync(call, CancellationToken.None);

        AssertJsonEqual("""
            {"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[
              {"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"},{"role":"user","content":"Again"}]}
            """, _fake.LastRequest.Body);
    }

    [Theory]
    [InlineData("\"auto\"", """{"type":"auto"}""")]
    [InlineData("\"required\"", """{"type":"any"}""")]
    [InlineData("\"none\"", """{"type":"none"}""")]
    [InlineData("""{"type":"function","function":{"name":"f"}}""", """{"type":"tool","name":"f"}""")]
    public async Task CompleteAsync_ToolChoice_MapsToAnthropicChoice(string openAIChoice, string expected)
    {
        const string Tools = """
            "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"messages":[{"role":"user","content":"Hi"}]}
            """;
        var call = Call("{\"model\":\"claude\",\"tool_choice\":" + openAIChoice + "," + Tools, Endpoint(_fake.BaseUrl));

        await _provider.CompleteAsync(call, CancellationToken.None);

        AssertJsonEqual(expected, JsonNode.Parse(_fake.LastRequest.Body)!["tool_choice"]);
    }

    [Fact]
    public async Task CompleteAsync_ParallelToolCallsFalseWithoutChoice_SendsAutoWithDisable()
    {
        var call = Call("""
            {"model":"claude","parallel_tool_calls":false,"tools":[{"type":"function","function":{"name":"f"}}],"messages":[{"role":"user","content":"Hi"}]}
            """, Endpoint(_fake.BaseUrl));

        await _provider.CompleteAsync(call, CancellationToken.None);

        AssertJsonEqual("""{"type":"auto","disable_parallel_tool_use":true}""", JsonNode.Parse(_fake.LastRequest.Body)!["tool_choice"]);
    }

    [Fact]
    public async Task CompleteAsync_JsonSchemaResponseFormat_SendsOutputConfigFormat()
    {
        var call = Call("""
            {"model":"claude","stop":["A","B"],"response_format":{"type":"json_schema","json_schema":{"name":"answer","strict":true,
              "schema":{"type":"object","properties":{"x":{"type":"integer"}},"required":["x"],"additionalProperties":false}}},
             "messages":[{"role":"user","content":"Hi"}]}
            """, Endpoint(_fake.BaseUrl));

        await _provider.CompleteAsync(call, CancellationToken.None);

        AssertJsonEqual("""
            {"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":"Hi"}],"stop_sequences":["A","B"],
             "output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"x":{"type":"integer"}},"required":["x"],"additionalProperties":false}}}}
            """, _fake.LastRequest.Body);
    }

    [Fact]
    public async Task CompleteAsync_ExtraBodies_FillFieldsTheClientDidNotSet()
    {
        var endpoint = Endpoint(_fake.BaseUrl, extraBody: """{"top_k":9,"service_tier":"standard_only","temperature":0.1}""");
        var call = Call("""{"model":"claude","temperature":0.5,"messages":[{"role":"user","content":"Hi"}]}""", endpoint,
            modelExtraBody: """{"top_k":5,"max_tokens":1000,"stream":true}""");

        await _provider.CompleteAsync(call, CancellationToken.None);

        AssertJsonEqual("""
            {"model":"claude-sonnet-4-5","max_tokens":1000,"messages":[{"role":"user","content":"Hi"}],"temperature":0.5,"top_k":5,"service_tier":"standard_only"}
            """, _fake.LastRequest.Body);
    }

    [Fact]
    public async Task CompleteAsync_SystemPartsWithCacheControl_KeepsMarkers()
    {
        var call = Call("""
            {"model":"claude","messages":[
              {"role":"system","content":[{"type":"text","text":"Long policy","cache_control":{"type":"ephemeral"}}]},
              {"role":"user","content":[{"type":"text","text":"Q","cache_control":{"type":"ephemeral"}}]}]}
            """, Endpoint(_fake.BaseUrl));

        await _provider.CompleteAsync(call, CancellationToken.None);

        AssertJsonEqual("""
            {"model":"claude-sonnet-4-5","max_tokens":4096,
             "system":[{"type":"text","text":"Long policy","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"Q","cache_control":{"type":"ephemeral"}}]}]}
            """, _fake.LastRequest.Body);
    }

    [Theory]
    [InlineData("""{"n":2}""", "n")]
    [InlineData("""{"logprobs":true}""", "logprobs")]
    [InlineData("""{"logit_bias":{"50256":-100}}""", "logit_bias")]
    [InlineData("""{"reasoning_effort":"extreme"}""", "reasoning_effort")]
    [InlineData("""{"max_tokens":0}""", "max_tokens")]
    [InlineData("""{"tool_choice":"sometimes","tools":[{"type":"function","function":{"name":"f"}}]}""", "tool_choice")]
    [InlineData("""{"tools":[{"type":"custom","custom":{"name":"f"}}]}""", "tools[0].type")]
    [InlineData("""{"response_format":{"type":"json_schema","json_schema":{"name":"x"}}}""", "response_format.json_schema.schema")]
    public async Task CompleteAsync_UnsupportedField_ReturnsInvalidRequestNamingItWithoutCallingUpstream(string fields, string param)
    {
        var json = fields[..^1] + ""","model":"claude","messages":[{"role":"user","content":"Hi"}]}""";

        var result = await _provider.CompleteAsync(Call(json, Endpoint(_fake.BaseUrl)), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(UpstreamErrorKind.InvalidRequest, result.Error!.Kind);
        Assert.Equal(param, result.Error.Param);
        Assert.Contains(param, result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.Requests);
    }

    [Theory]
    [InlineData("{\\\"q\\\":", "messages[1].tool_calls[0].function.arguments")]
    [InlineData("[1,2]", "messages[1].tool_calls[0].function.arguments")]
    public async Task CompleteAsync_InvalidToolArguments_ReturnsInvalidRequestNamingField(string arguments, string param)
    {
        var call = Call($$$"""
            {"model":"claude","messages":[{"role":"user","content":"Hi"},
              {"role":"assistant","tool_calls":[{"id":"t1","type":"function","function":{"name":"f","arguments":"{{{arguments}}}"}}]},
              {"role":"tool","tool_call_id":"t1","content":"x"}]}
            """, Endpoint(_fake.BaseUrl));

        var result = await _provider.StreamAsync(call, CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.InvalidRequest, result.Error!.Kind);
        Assert.Equal(param, result.Error.Param);
        Assert.Empty(_fake.Requests);
    }

    [Theory]
    [InlineData("data:image/bmp;base64,Qk0=", "messages[0].content[0].image_url.url")]
    [InlineData("ftp://example.com/x.png", "messages[0].content[0].image_url.url")]
    public async Task CompleteAsync_UnsupportedImage_ReturnsInvalidRequest(string url, string param)
    {
        var call = Call($$$"""{"model":"claude","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"{{{url}}}"}}]}]}""", Endpoint(_fake.BaseUrl));

        var result = await _provider.CompleteAsync(call, CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.InvalidRequest, result.Error!.Kind);
        Assert.Equal(param, result.Error.Param);
    }

    [Fact]
    public async Task CompleteAsync_PdfFilePart_SendsDocumentBlock()
    {
        var call = Call("""
            {"model":"claude","messages":[{"role":"user","content":[{"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}},{"type":"text","text":"Summarise"}]}]}
            """, Endpoint(_fake.BaseUrl));

        await _provider.CompleteAsync(call, CancellationToken.None);

        AssertJsonEqual("""
            [{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}},{"type":"text","text":"Summarise"}]
            """, JsonNode.Parse(_fake.LastRequest.Body)!["messages"]![0]!["content"]);
    }
}
