using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Core.Tokenization;

namespace Switchboard.Core.Tests.Tokenization;

public sealed class TokenEstimatorTests
{
    private static readonly TokenEstimator Estimator = new();

    private static int O200k(string text) => TiktokenEncoding.O200kBase.CountTokens(text);

    private static int Cl100k(string text) => TiktokenEncoding.Cl100kBase.CountTokens(text);

    private static long Prompt(string json, string? model) => Estimator.EstimatePromptTokens(Encoding.UTF8.GetBytes(json), model);

    [Fact]
    public void Prompt_OpenAIModel_IsExactTextPlusChatOverhead()
    {
        const string Body = """{"model":"gpt-4o","messages":[{"role":"system","content":"You are helpful."},{"role":"user","name":"bob","content":"hello world"}]}""";
        var expected = 3 + (3 + O200k("system") + O200k("You are helpful.")) + (3 + O200k("user") + 1 + O200k("bob") + O200k("hello world"));
        Assert.Equal(expected, Prompt(Body, "gpt-4o"));

        // Without a model argument the body's own "model" decides the encoding.
        Assert.Equal(expected, Prompt(Body, null));
    }

    [Fact]
    public void Prompt_Cl100kModel_UsesCl100k()
    {
        const string Body = """{"messages":[{"role":"user","content":"你好，世界！今天天气很好。"}]}""";
        Assert.Equal(3 + 3 + Cl100k("user") + 16, Prompt(Body, "gpt-3.5-turbo"));
        Assert.Equal(3 + 3 + O200k("user") + 9, Prompt(Body, "gpt-4o"));
    }

    [Fact]
    public void Prompt_SpecialTokenTextInAMessage_CountsAsOrdinaryText()
    {
        // tiktoken's encode_ordinary of "<|endoftext|>" (the shared reference vectors): seven pieces, never the one special token.
        Assert.Equal([27, 91, 8862, 728, 428, 91, 29], TiktokenEncoding.Cl100kBase.Encode("<|endoftext|>"));
        const string Body = """{"messages":[{"role":"user","content":"<|endoftext|>"},{"role":"system","content":"<|endofprompt|>"}]}""";
        Assert.InRange(Cl100k("<|endofprompt|>"), 5, 15);
        Assert.Equal(3 + (3 + Cl100k("user") + 7) + (3 + Cl100k("system") + Cl100k("<|endofprompt|>")), Prompt(Body, "gpt-4"));
        Assert.Equal(3 + (3 + O200k("user") + O200k("<|endoftext|>")) + (3 + O200k("system") + O200k("<|endofprompt|>")), Prompt(Body, "gpt-4o"));
        Assert.InRange(O200k("<|endoftext|>"), 5, 15);
    }

    [Fact]
    public void Prompt_VeryLongMessage_IsCountedWhole()
    {
        // A 1 MB message in one JSON string: counted from a rented buffer, as many tokens as the text alone.
        var text = string.Concat(Enumerable.Repeat("The gateway routes requests. 网关转发请求。 ", 30_000));
        var body = $$"""{"messages":[{"role":"user","content":"{{text}}"}]}""";
        Assert.True(body.Length > 1_000_000);
        Assert.Equal(3 + 3 + O200k("user") + O200k(text), Prompt(body, "gpt-4o"));
        var ratio = CjkText.Ratio(text);
        Assert.InRange(ratio, 0.2, 0.5);
        Assert.Equal((long)Math.Round(Cl100k(text) * ((1.3 * ratio) + (1.15 * (1 - ratio))), MidpointRounding.AwayFromZero), Estimator.CountText(text, "claude-sonnet-4-5"));
    }

    [Fact]
    public void Prompt_CountsTextPartsToolCallsAndEscapes_NotImages()
    {
        const string Body = """
            {"model":"gpt-4o","messages":[
              {"role":"user","content":[{"type":"text","text":"Describe \"this\"\n"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"}
            ]}
            """;
        var expected = 3
            + (3 + O200k("user") + O200k("Describe \"this\"\n"))
            + (3 + O200k("assistant") + O200k("get_weather") + O200k("{\"city\":\"Paris\"}"))
            + (3 + O200k("tool") + O200k("sunny"));
        Assert.Equal(expected, Prompt(Body, null));
    }

    [Fact]
    public void Prompt_ToolDefinitions_AddTokens()
    {
        const string Without = """{"messages":[{"role":"user","content":"hi"}]}""";
        const string With = """{"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Get the weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}""";
        var difference = Prompt(With, "gpt-4o") - Prompt(Without, "gpt-4o");
        Assert.InRange(difference, 15, 40);
    }

    [Theory]
    [InlineData("{\"messages\":[{\"role\":\"user\",")]
    [InlineData("{\"messages\":[{\"content\":\"hi\"}]")]
    [InlineData("[\"hello\"]")]
    [InlineData("not json at all")]
    public void Prompt_InvalidOrTruncatedJson_FallsBackToBytesOverFour(string body)
    {
        Assert.Equal(Encoding.UTF8.GetByteCount(body) / 4, Prompt(body, "gpt-4o"));
        Assert.Equal(1, Prompt("x", null));
    }

    [Fact]
    public void Prompt_OtherFamily_ScalesByItsFactors()
    {
        const string Body = """{"messages":[{"role":"user","content":"Explain the routing table in detail, please."}]}""";
        var text = Cl100k("user") + Cl100k("Explain the routing table in detail, please.");
        Assert.Equal((long)Math.Round(3 + 3 + (text * 1.15), MidpointRounding.AwayFromZero), Prompt(Body, "claude-sonnet-4-5"));
        Assert.Equal(3 + 3 + text, Prompt(Body, "llama-3.1-70b"));
    }

    [Theory]
    [InlineData("qwen-max", 0.7)]
    [InlineData("Qwen/Qwen2.5-72B-Instruct", 0.7)]
    [InlineData("deepseek-chat", 0.65)]
    [InlineData("deepseek-ai/DeepSeek-V3", 0.65)]
    [InlineData("gemini-2.5-flash", 0.75)]
    [InlineData("glm-4.6", 0.7)]
    [InlineData("moonshot-v1-8k", 0.7)]
    [InlineData("kimi-k2-0905-preview", 0.7)]
    [InlineData("ernie-4.5-turbo-128k", 0.7)]
    [InlineData("hunyuan-turbos-latest", 0.7)]
    [InlineData("claude-opus-4-1", 1.3)]
    [InlineData("mistral-large", 1.0)]
    public void CountText_ChineseText_UsesTheFamilyChineseFactor(string model, double factor)
    {
        const string Text = "大模型管理器支持多用户模式和自定义平台。";
        Assert.Equal((long)Math.Round(Cl100k(Text) * factor, MidpointRounding.AwayFromZero), Estimator.CountText(Text, model));
    }

    [Fact]
    public void CountText_MixedText_InterpolatesByCjkShare()
    {
        // 4 CJK characters and 4 Latin letters: ratio 0.5, so Qwen's factor is 0.7 × 0.5 + 1.0 × 0.5 = 0.85.
        const string Text = "你好世界 abcd";
        Assert.Equal(0.5, CjkText.Ratio(Text));
        Assert.Equal((long)Math.Round(Cl100k(Text) * 0.85, MidpointRounding.AwayFromZero), Estimator.CountText(Text, "qwen-plus"));
        Assert.Equal(0, CjkText.Ratio("1234 !?"));
        Assert.Equal(1, CjkText.Ratio("日本語のテキスト、한국어"));
    }

    [Fact]
    public void CountText_OpenAIModel_IsExact()
    {
        Assert.Equal(10, Estimator.CountText("Hello, World! How are you doing today?", "gpt-4o"));
        Assert.Equal(0, Estimator.CountText("", "gpt-4o"));
        Assert.Null(Estimator.FactorsFor("gpt-4.1"));
    }

    [Fact]
    public void Options_OverrideAndAddFamilies_LongestPrefixWins()
    {
        var options = new TokenEstimatorOptions { Default = new FamilyFactors { English = 2, Chinese = 2 } };
        options.Families["claude"] = new FamilyFactors { English = 1.5, Chinese = 1.5 };
        options.Families["qwen-vl|acme"] = new FamilyFactors { English = 3, Chinese = 3 };
        var estimator = new TokenEstimator(Options.Create(options));

        Assert.Equal(15, estimator.CountText("Hello, World! How are you doing today?", "claude-3-haiku"));
        Assert.Equal(30, estimator.CountText("Hello, World! How are you doing today?", "qwen-vl-max"));
        Assert.Equal(30, estimator.CountText("Hello, World! How are you doing today?", "ACME-1"));
        Assert.Equal(0.7, estimator.FactorsFor("qwen-max")!.Chinese);
        Assert.Equal(20, estimator.CountText("Hello, World! How are you doing today?", "unknown-model"));
    }

    [Fact]
    public void EstimateOutputTokens_UsesBytesAndEnglishFactor()
    {
        Assert.Equal(0, Estimator.EstimateOutputTokens(0, "gpt-4o"));
        Assert.Equal(3, Estimator.EstimateOutputTokens(12, "gpt-4o"));
        Assert.Equal(115, Estimator.EstimateOutputTokens(400, "claude-sonnet-4-5"));
        Assert.Equal(1, Estimator.EstimateOutputTokens(1, null));
    }
}
