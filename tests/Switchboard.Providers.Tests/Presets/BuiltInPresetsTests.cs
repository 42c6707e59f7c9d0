using Switchboard.Providers.Presets;

namespace Switchboard.Providers.Tests.Presets;

public sealed class BuiltInPresetsTests
{
    private readonly BuiltInPresets _presets = new();

    [Theory]
    [InlineData("deepseek", "https://api.deepseek.com/v1")]
    [InlineData("dashscope", "https://dashscope.aliyuncs.com/compatible-mode/v1")]
    [InlineData("qianfan", "https://qianfan.baidubce.com/v2")]
    [InlineData("hunyuan", "https://api.hunyuan.cloud.tencent.com/v1")]
    [InlineData("zhipu", "https://open.bigmodel.cn/api/paas/v4")]
    [InlineData("moonshot", "https://api.moonshot.cn/v1")]
    [InlineData("modelscope", "https://api-inference.modelscope.cn/v1")]
    [InlineData("siliconflow", "https://api.siliconflow.cn/v1")]
    [InlineData("openrouter", "https://openrouter.ai/api/v1")]
    [InlineData("ollama", "http://localhost:11434/v1")]
    [InlineData("vllm", "http://localhost:8000/v1")]
    public void Find_EveryRequiredPreset_IsOpenAICompatibleWithItsBaseUrl(string name, string baseUrl)
    {
        var preset = _presets.Find(name.ToUpperInvariant());
        Assert.NotNull(preset);
        Assert.Equal(ProviderKinds.OpenAI, preset.Kind);
        Assert.Equal(baseUrl, preset.BaseUrl);
    }

    [Theory]
    [InlineData("https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "dashscope")]
    [InlineData("https://api.deepseek.com", "deepseek")]
    [InlineData("https://api.z.ai/api/paas/v4", "zhipu")]
    [InlineData("http://127.0.0.1:11434/v1", "ollama")]
    [InlineData("https://api.anthropic.com/v1", "anthropic")]
    public void MatchBaseUrl_KnownHost_FindsPreset(string url, string expected) =>
        Assert.Equal(expected, _presets.MatchBaseUrl(new Uri(url))?.Name);

    [Fact]
    public void MatchBaseUrl_UnknownHost_ReturnsNull() => Assert.Null(_presets.MatchBaseUrl(new Uri("https://llm.example.com/v1")));

    [Fact]
    public void LocalPresets_NeedNoKey()
    {
        Assert.False(_presets.Find("ollama")!.RequiresKey);
        Assert.False(_presets.Find("vllm")!.RequiresKey);
        Assert.True(_presets.Find("deepseek")!.RequiresKey);
    }
}
