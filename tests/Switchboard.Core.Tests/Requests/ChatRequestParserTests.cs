using System.Text;
using Switchboard.Core.Requests;

namespace Switchboard.Core.Tests.Requests;

public sealed class ChatRequestParserTests
{
    [Fact]
    public void Parse_ValidStreamingRequest_ExtractsEngineFields()
    {
        var (request, error) = ChatRequestParser.Parse(Encoding.UTF8.GetBytes("""
            {"model":"gpt","stream":true,"stream_options":{"include_usage":true},"max_completion_tokens":50,"unknown":{"a":[1]},
             "messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"hi"}]},{"role":"assistant","content":null,"tool_calls":[]},{"role":"tool","tool_call_id":"c","content":"r"}]}
            """));

        Assert.Null(error);
        Assert.Equal("gpt", request!.Model);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal(50, request.MaxTokens);
        Assert.Equal(4, request.MessageCount);
    }

    [Fact]
    public void Parse_DeeplyNestedJson_IsRejectedCleanly()
    {
        var body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"x\":" + new string('[', 5000) + new string(']', 5000) + "}";
        var (_, error) = ChatRequestParser.Parse(Encoding.UTF8.GetBytes(body));
        Assert.Equal(400, error!.Status);
    }

    [Fact]
    public void Parse_TrailingGarbage_IsRejected()
    {
        var (_, error) = ChatRequestParser.Parse(Encoding.UTF8.GetBytes("""{"model":"m","messages":[{"role":"user","content":"x"}]} trailing"""));
        Assert.Equal("invalid_json", error!.Code);
    }
}
