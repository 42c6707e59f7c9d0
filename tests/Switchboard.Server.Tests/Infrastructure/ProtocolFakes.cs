using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// Scripted fake upstreams for OpenAI, Anthropic and Gemini that answer in each protocol's exact wire format:
/// with tools on offer and a user turn last they call <c>get_weather</c>; after a tool result they report the
/// weather; otherwise they greet. Every answer carries known usage numbers the tests compare against.
/// </summary>
public static class ProtocolFakes
{
    public const string Greeting = "Hello from the fake upstream.";
    public const string WeatherAnswer = "It is sunny in Paris.";
    public const string ToolArguments = "{\"city\":\"Paris\"}";

    /// <summary>Usage each fake reports, as OpenAI prompt/completion/cached tokens.</summary>
    public static readonly IReadOnlyDictionary<string, (int Prompt, int Completion, int Cached)> Usage = new Dictionary<string, (int, int, int)>
    {
        ["openai"] = (11, 7, 3),
        ["anthropic"] = (25, 9, 5),
        ["gemini"] = (30, 4, 0),
    };

    public static string Yaml(string protocol, Uri baseUrl, string key) => protocol switch
    {
        "openai" => $"platforms:\n  up:\n    kind: openai\n    base_url: {baseUrl}v1\n    api_key: '{key}'\n    models:\n      chat: gpt-4o-mini\n",
        "anthropic" => $"platforms:\n  up:\n    kind: anthropic\n    base_url: {baseUrl}v1\n    api_key: '{key}'\n    models:\n      chat: claude-test\n",
        "gemini" => $"platforms:\n  up:\n    kind: gemini\n    base_url: {baseUrl}v1beta\n    api_key: '{key}'\n    models:\n      chat: gemini-test\n",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    public static Func<HttpContext, RecordedRequest, Task> Handler(string protocol) => protocol switch
    {
        "openai" => OpenAIAsync,
        "anthropic" => AnthropicAsync,
        "gemini" => GeminiAsync,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    /// <summary>Answers Anthropic Messages calls with a greeting and exactly <paramref name="usageJson"/> as the usage object, streamed or not.</summary>
    /// <remarks>A stream carries the usage in <c>message_start</c> (as Anthropic sends cache counts) and only the output count in <c>message_delta</c>.</remarks>
    public static Func<HttpContext, RecordedRequest, Task> AnthropicWithUsage(string usageJson) => async (ctx, request) =>
    {
        using var doc = request.Json();
        var stream = doc.RootElement.TryGetProperty("stream", out var s) && s.GetBoolean();
        using var usage = JsonDocument.Parse(usageJson);
        var output = usage.RootElement.GetProperty("output_tokens").GetInt32();
        if (!stream)
        {
            await FakeUpstream.Json(ctx, 200, JsonSerializer.Serialize(new
            {
                id = "msg_cache",
                type = "message",
                role = "assistant",
                model = "claude-test",
                content = new[] { new { type = "text", text = Greeting } },
                stop_reason = "end_turn",
                stop_sequence = (string?)null,
                usage = usage.RootElement,
            }));
            return;
        }

        await FakeUpstream.Sse(ctx,
        [
            Event("message_start", new { type = "message_start", message = new { id = "msg_cache", type = "message", role = "assistant", model = "claude-test", content = Array.Empty<object>(), stop_reason = (string?)null, stop_sequence = (string?)null, usage = usage.RootElement } }),
            Event("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } }),
            Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = Greeting } }),
            Event("content_block_stop", new { type = "content_block_stop", index = 0 }),
            Event("message_delta", new { type = "message_delta", delta = new { stop_reason = "end_turn", stop_sequence = (string?)null }, usage = new { output_tokens = output } }),
            Event("message_stop", new { type = "message_stop" }),
        ]);
    };

    private enum Turn
    {
        Greet,
        CallTool,
        Answer,
    }

    private static Turn Decide(JsonElement messages, bool hasTools, Func<JsonElement, bool> isToolResult)
    {
        var last = messages[messages.GetArrayLength() - 1];
        if (isToolResult(last))
        {
            return Turn.Answer;
        }

        return hasTools ? Turn.CallTool : Turn.Greet;
    }

    private static async Task OpenAIAsync(HttpContext ctx, RecordedRequest request)
    {
        using var doc = request.Json();
        var root = doc.RootElement;
        var turn = Decide(root.GetProperty("messages"), root.TryGetProperty("tools", out _), m => m.GetProperty("role").GetString() == "tool");
        var (prompt, completion, cached) = Usage["openai"];
        var stream = root.TryGetProperty("stream", out var s) && s.GetBoolean();
        if (!stream)
        {
            var toolCalls = turn == Turn.CallTool ? new[] { new { id = "call_abc", type = "function", function = new { name = "get_weather", arguments = ToolArguments } } } : null;
            var content = turn == Turn.Answer ? WeatherAnswer : Greeting;
            await FakeUpstream.Json(ctx, 200, JsonSerializer.Serialize(new
            {
                id = "chatcmpl-up",
                @object = "chat.completion",
                created = 1767225600,
                model = "gpt-4o-mini",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = toolCalls is null ? content : null, tool_calls = toolCalls }, finish_reason = toolCalls is null ? "stop" : "tool_calls" } },
                usage = new { prompt_tokens = prompt, completion_tokens = completion, total_tokens = prompt + completion, prompt_tokens_details = new { cached_tokens = cached } },
            }));
            return;
        }

        const string head = "\"id\":\"chatcmpl-up\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"gpt-4o-mini\"";
        var events = new List<string> { "data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n" };
        string finish;
        if (turn == Turn.CallTool)
        {
            events.Add("data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_abc\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}\n\n");
            events.Add("data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + JsonSerializer.Serialize(ToolArguments[..8]) + "}}]},\"finish_reason\":null}]}\n\n");
            events.Add("data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + JsonSerializer.Serialize(ToolArguments[8..]) + "}}]},\"finish_reason\":null}]}\n\n");
            finish = "tool_calls";
        }
        else
        {
            foreach (var piece in Split(turn == Turn.Answer ? WeatherAnswer : Greeting))
            {
                events.Add("data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JsonSerializer.Serialize(piece) + "},\"finish_reason\":null}]}\n\n");
            }

            finish = "stop";
        }

        events.Add("data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + finish + "\"}]}\n\n");
        events.Add("data: {" + head + ",\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cached + "}}}\n\n");
        events.Add("data: [DONE]\n\n");
        await FakeUpstream.Sse(ctx, events);
    }

    private static async Task AnthropicAsync(HttpContext ctx, RecordedRequest request)
    {
        using var doc = request.Json();
        var root = doc.RootElement;
        var turn = Decide(root.GetProperty("messages"), root.TryGetProperty("tools", out _), m =>
            m.GetProperty("content").ValueKind == JsonValueKind.Array && m.GetProperty("content").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "tool_result"));
        var stream = root.TryGetProperty("stream", out var s) && s.GetBoolean();
        var text = turn == Turn.Answer ? WeatherAnswer : Greeting;
        var stop = turn == Turn.CallTool ? "tool_use" : "end_turn";
        if (!stream)
        {
            object[] content = turn == Turn.CallTool
                ? [new { type = "tool_use", id = "toolu_abc", name = "get_weather", input = new { city = "Paris" } }]
                : [new { type = "text", text }];
            await FakeUpstream.Json(ctx, 200, JsonSerializer.Serialize(new
            {
                id = "msg_up",
                type = "message",
                role = "assistant",
                model = "claude-test",
                content,
                stop_reason = stop,
                stop_sequence = (string?)null,
                usage = new { input_tokens = 20, output_tokens = 9, cache_creation_input_tokens = 0, cache_read_input_tokens = 5 },
            }));
            return;
        }

        var events = new List<string>
        {
            Event("message_start", new { type = "message_start", message = new { id = "msg_up", type = "message", role = "assistant", model = "claude-test", content = Array.Empty<object>(), stop_reason = (string?)null, stop_sequence = (string?)null, usage = new { input_tokens = 20, output_tokens = 1, cache_creation_input_tokens = 0, cache_read_input_tokens = 5 } } }),
            Event("ping", new { type = "ping" }),
        };
        if (turn == Turn.CallTool)
        {
            events.Add(Event("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "tool_use", id = "toolu_abc", name = "get_weather", input = new { } } }));
            events.Add(Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "input_json_delta", partial_json = ToolArguments[..8] } }));
            events.Add(Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "input_json_delta", partial_json = ToolArguments[8..] } }));
        }
        else
        {
            events.Add(Event("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } }));
            foreach (var piece in Split(text))
            {
                events.Add(Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = piece } }));
            }
        }

        events.Add(Event("content_block_stop", new { type = "content_block_stop", index = 0 }));
        events.Add(Event("message_delta", new { type = "message_delta", delta = new { stop_reason = stop, stop_sequence = (string?)null }, usage = new { output_tokens = 9 } }));
        events.Add(Event("message_stop", new { type = "message_stop" }));
        await FakeUpstream.Sse(ctx, events);
    }

    private static async Task GeminiAsync(HttpContext ctx, RecordedRequest request)
    {
        using var doc = request.Json();
        var root = doc.RootElement;
        var turn = Decide(root.GetProperty("contents"), root.TryGetProperty("tools", out _), m =>
            m.GetProperty("parts").EnumerateArray().Any(p => p.TryGetProperty("functionResponse", out _)));
        var stream = request.Path.Contains(":streamGenerateContent", StringComparison.Ordinal);
        var text = turn == Turn.Answer ? WeatherAnswer : Greeting;
        var usage = new { promptTokenCount = 30, candidatesTokenCount = 4, totalTokenCount = 34 };
        if (!stream)
        {
            object[] parts = turn == Turn.CallTool ? [new { functionCall = new { name = "get_weather", args = new { city = "Paris" } } }] : [new { text }];
            await FakeUpstream.Json(ctx, 200, JsonSerializer.Serialize(new
            {
                candidates = new[] { new { content = new { role = "model", parts }, finishReason = "STOP", index = 0 } },
                usageMetadata = usage,
                modelVersion = "gemini-test",
                responseId = "resp-up",
            }));
            return;
        }

        var events = new List<string>();
        if (turn == Turn.CallTool)
        {
            events.Add("data: " + JsonSerializer.Serialize(new { candidates = new[] { new { content = new { role = "model", parts = new[] { new { functionCall = new { name = "get_weather", args = new { city = "Paris" } } } } }, finishReason = "STOP", index = 0 } }, usageMetadata = usage, modelVersion = "gemini-test", responseId = "resp-up" }) + "\r\n\r\n");
        }
        else
        {
            var pieces = Split(text).ToList();
            for (var i = 0; i < pieces.Count; i++)
            {
                var last = i == pieces.Count - 1;
                events.Add("data: " + JsonSerializer.Serialize(new
                {
                    candidates = new[] { new { content = new { role = "model", parts = new[] { new { text = pieces[i] } } }, finishReason = last ? "STOP" : null, index = 0 } },
                    usageMetadata = last ? usage : new { promptTokenCount = 30, candidatesTokenCount = i + 1, totalTokenCount = 31 + i },
                    modelVersion = "gemini-test",
                    responseId = "resp-up",
                }) + "\r\n\r\n");
            }
        }

        await FakeUpstream.Sse(ctx, events);
    }

    private static string Event(string name, object data) => $"event: {name}\ndata: {JsonSerializer.Serialize(data)}\n\n";

    private static IEnumerable<string> Split(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}
