using System.Buffers;
using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Anthropic;
using static Switchboard.Providers.Tests.Anthropic.AnthropicTestKit;

namespace Switchboard.Providers.Tests.Anthropic;

/// <summary>The body an Anthropic client's request sends to an Anthropic upstream: the client's own, but for <c>model</c> and <c>stream</c>.</summary>
public sealed class AnthropicPassthroughTests
{
    private static readonly Uri Base = new("http://127.0.0.1:9/");

    [Fact]
    public void WriteBody_KeepsEveryClientFieldInOrderAndByteForByte_RewritingOnlyModelAndStream()
    {
        const string client = """{"max_tokens":1024,"model":"claude","system":[{"type":"text","text":"Be brief.\u00e9","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"Hi \"there\""}],"stream":false,"context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]},"temperature":0.5e0}""";

        var written = Write(client, stream: true, Target());

        Assert.Equal(
            """{"model":"claude-sonnet-4-5","max_tokens":1024,"system":[{"type":"text","text":"Be brief.\u00e9","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"Hi \"there\""}],"context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]},"temperature":0.5e0,"stream":true}""",
            written);
    }

    [Fact]
    public void WriteBody_NotStreamed_SendsNoStreamField()
    {
        var written = Write("""{"model":"claude","stream":true,"max_tokens":5,"messages":[]}""", stream: false, Target());

        Assert.Equal("""{"model":"claude-sonnet-4-5","max_tokens":5,"messages":[]}""", written);
    }

    [Fact]
    public void WriteBody_EscapedFieldNames_AreRecognisedAndKept()
    {
        // "\u006dodel" is "model": the client's model must not reach the upstream beside the gateway's.
        var written = Write("""{"\u006dodel":"claude","max_\u0074okens":5,"messages":[]}""", stream: false, Target(modelExtraBody: """{"max_tokens":9,"top_k":3}"""));

        using var document = JsonDocument.Parse(written);
        var root = document.RootElement;
        Assert.Equal("claude-sonnet-4-5", root.GetProperty("model").GetString());
        Assert.Equal(5, root.GetProperty("max_tokens").GetInt32());
        Assert.Equal(3, root.GetProperty("top_k").GetInt32());
        Assert.Equal(["model", "max_tokens", "messages", "top_k"], root.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void WriteBody_ExtraBodies_FillOnlyFieldsTheClientLeftOut_ModelFirstThenPlatform()
    {
        var target = Target(modelExtraBody: """{"temperature":0.1,"top_k":5,"stream":false}""", platformExtraBody: """{"top_k":7,"top_p":0.9,"model":"other"}""");

        var written = Write("""{"model":"claude","temperature":0.7,"max_tokens":5,"messages":[]}""", stream: true, target);

        Assert.Equal("""{"model":"claude-sonnet-4-5","temperature":0.7,"max_tokens":5,"messages":[],"stream":true,"top_k":5,"top_p":0.9}""", written);
    }

    [Fact]
    public void WriteBody_BodyThatIsNotAnObject_IsRefused()
    {
        var output = new ArrayBufferWriter<byte>();

        var error = AnthropicPassthrough.WriteBody(Native("""[1,2]"""), Target(), stream: false, output);

        Assert.NotNull(error);
        Assert.Equal(UpstreamErrorKind.InvalidRequest, error.Kind);
        Assert.Equal(0, output.WrittenCount);
    }

    private static string Write(string body, bool stream, UpstreamTarget target)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Null(AnthropicPassthrough.WriteBody(Native(body), target, stream, output));
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static NativeRequest Native(string body) => new() { Protocol = ClientProtocols.AnthropicMessages, Body = Encoding.UTF8.GetBytes(body) };

    private static UpstreamTarget Target(string? modelExtraBody = null, string? platformExtraBody = null) => new()
    {
        Endpoint = Endpoint(Base, extraBody: platformExtraBody),
        UpstreamModel = Model,
        ApiKey = Key,
        ExtraBody = modelExtraBody is null ? null : JsonDocument.Parse(modelExtraBody).RootElement,
    };
}
