using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Providers.Anthropic;
using static Switchboard.Providers.Tests.Anthropic.AnthropicTestKit;

namespace Switchboard.Providers.Tests.Anthropic;

public sealed class AnthropicStreamTranslatorTests
{
    private static readonly byte[] MessageStart = Encoding.UTF8.GetBytes("""
        {"type":"message_start","message":{"id":"msg_T","type":"message","role":"assistant","model":"claude-x","content":[],"usage":{"input_tokens":10,"output_tokens":1}}}
        """);

    [Fact]
    public void Translate_ServerToolAndRedactedThinkingBlocks_AreNotForwardedAndDoNotTakeToolIndexes()
    {
        var translator = new AnthropicStreamTranslator("claude", "fallback", 1);
        var output = new ArrayBufferWriter<byte>();
        var sink = TestSinks.OpenAI(output);
        string[] events =
        [
            """{"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EmwKAhgB"}}""",
            """{"type":"content_block_start","index":1,"content_block":{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}}""",
            """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"query\":\"x\"}"}}""",
            """{"type":"content_block_start","index":2,"content_block":{"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]}}""",
            """{"type":"content_block_delta","index":3,"delta":{"type":"citations_delta","citation":{"type":"web_search_result_location"}}}""",
            """{"type":"content_block_start","index":4,"content_block":{"type":"tool_use","id":"toolu_1","name":"f","input":{}}}""",
            """{"type":"content_block_delta","index":4,"delta":{"type":"input_json_delta","partial_json":"{}"}}""",
        ];

        Assert.Equal(AnthropicStreamOutcome.Wrote, translator.Translate("message_start"u8, MessageStart, sink));
        var outcomes = events.Select(e => translator.Translate(default, Encoding.UTF8.GetBytes(e), sink)).ToArray();

        Assert.Equal(
            [AnthropicStreamOutcome.Ignored, AnthropicStreamOutcome.Ignored, AnthropicStreamOutcome.Ignored, AnthropicStreamOutcome.Ignored,
             AnthropicStreamOutcome.Ignored, AnthropicStreamOutcome.Wrote, AnthropicStreamOutcome.Wrote],
            outcomes);
        var chunks = Chunks(output);
        Assert.Equal(3, chunks.Count);
        AssertJsonEqual("""{"tool_calls":[{"index":0,"id":"toolu_1","type":"function","function":{"name":"f","arguments":""}}]}""", Delta(chunks[1]));
        AssertJsonEqual("""{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}""", Delta(chunks[2]));
        Assert.Equal(2, translator.DeliveredTextBytes);
    }

    [Fact]
    public void Translate_EventTypeOnlyInSseName_UsesEventName()
    {
        var translator = new AnthropicStreamTranslator("claude", "fallback", 1);
        var output = new ArrayBufferWriter<byte>();
        var sink = TestSinks.OpenAI(output);

        Assert.Equal(AnthropicStreamOutcome.Completed, translator.Translate("message_stop"u8, "{}"u8, sink));
        Assert.Equal(AnthropicStreamOutcome.KeepAlive, translator.Translate("ping"u8, "{}"u8, sink));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Translate_DeltaBeforeMessageStart_UsesFallbackIdentity()
    {
        var translator = new AnthropicStreamTranslator("claude", "claude-fallback", 42);
        var output = new ArrayBufferWriter<byte>();
        var sink = TestSinks.OpenAI(output);

        translator.Translate(default, """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}}"""u8, sink);

        var chunks = Chunks(output).ToList();
        Assert.Equal(2, chunks.Count);
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        var chunk = chunks[1];
        Assert.Equal("x", chunk["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
        Assert.StartsWith("chatcmpl-", chunk["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("claude-fallback", chunk["model"]!.GetValue<string>());
        Assert.Equal(42, chunk["created"]!.GetValue<long>());
        Assert.Equal(chunk["id"]!.GetValue<string>(), translator.Identity.Id);
    }

    [Fact]
    public void Translate_TextAndToolDeltas_AllocateNothingPerEvent()
    {
        var translator = new AnthropicStreamTranslator("claude", "fallback", 1);
        var output = new ArrayBufferWriter<byte>(1 << 20);
        var sink = TestSinks.OpenAI(output);
        var text = """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello, w\u00f6rld"}}"""u8.ToArray();
        var arguments = """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Pa"}}"""u8.ToArray();
        translator.Translate(default, MessageStart, sink);
        translator.Translate(default, """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"f","input":{}}}"""u8, sink);
        translator.Translate(default, text, sink);
        translator.Translate(default, arguments, sink);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            output.ResetWrittenCount();
            translator.Translate(default, text, sink);
            translator.Translate(default, arguments, sink);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, $"Translating 2000 deltas allocated {allocated} bytes.");
    }

    private static List<JsonObject> Chunks(ArrayBufferWriter<byte> output) =>
        Encoding.UTF8.GetString(output.WrittenSpan)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonNode.Parse(e["data: ".Length..])!.AsObject())
            .ToList();
}
