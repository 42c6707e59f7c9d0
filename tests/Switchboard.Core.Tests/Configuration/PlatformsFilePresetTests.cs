namespace Switchboard.Core.Tests.Configuration;

public sealed class PlatformsFilePresetTests
{
    [Fact]
    public void Parse_ExplicitPreset_GivesKindAndBaseUrl()
    {
        var file = new PlatformsFileHarness().Parse("platforms:\n  ds:\n    preset: DeepSeek\n");

        var platform = file.Platforms[0].Platform;
        Assert.Equal("openai", platform.Kind);
        Assert.Equal("deepseek", platform.Preset);
        Assert.Equal("https://api.deepseek.com/v1", platform.BaseUrl);
    }

    [Fact]
    public void Parse_ExplicitPresetAndBaseUrl_KeepsTheFileBaseUrl()
    {
        var file = new PlatformsFileHarness().Parse("platforms:\n  local:\n    preset: ollama\n    base_url: http://10.0.0.5:11434/v1\n");

        Assert.Equal("http://10.0.0.5:11434/v1", file.Platforms[0].Platform.BaseUrl);
        Assert.Equal("ollama", file.Platforms[0].Platform.Preset);
    }

    [Fact]
    public void Parse_BaseUrlOfKnownVendor_RecordsMatchedPreset()
    {
        var file = new PlatformsFileHarness().Parse("platforms:\n  qwen:\n    base_url: https://dashscope.aliyuncs.com/compatible-mode/v1\n");

        Assert.Equal("dashscope", file.Platforms[0].Platform.Preset);
        Assert.Equal("openai", file.Platforms[0].Platform.Kind);
    }

    [Fact]
    public void Parse_NoKindNoPresetUnknownUrl_DefaultsToOpenAI()
    {
        var file = new PlatformsFileHarness().Parse("platforms:\n  mine:\n    base_url: https://llm.internal.example/v1\n");

        Assert.Equal("openai", file.Platforms[0].Platform.Kind);
        Assert.Null(file.Platforms[0].Platform.Preset);
    }

    [Fact]
    public void Parse_ExplicitKind_WinsAndDropsAPresetOfAnotherKind()
    {
        var file = new PlatformsFileHarness().Parse("platforms:\n  claude:\n    kind: Anthropic\n    base_url: https://api.deepseek.com/anthropic\n");

        Assert.Equal("anthropic", file.Platforms[0].Platform.Kind);
        Assert.Null(file.Platforms[0].Platform.Preset);
    }

    [Fact]
    public void Parse_DemoKind_NeedsNoBaseUrl()
    {
        var file = new PlatformsFileHarness().Parse("platforms:\n  demo:\n    kind: demo\n    models: { demo-chat: demo-chat }\n");

        Assert.Equal("demo", file.Platforms[0].Platform.Kind);
        Assert.Equal(string.Empty, file.Platforms[0].Platform.BaseUrl);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Parse_KindNotBuiltIn_WarnsButKeepsIt()
    {
        var file = new PlatformsFileHarness().Parse("platforms:\n  x:\n    kind: bedrock\n    base_url: https://llm.example.com\n");

        Assert.Equal("bedrock", file.Platforms[0].Platform.Kind);
        Assert.Contains(file.Warnings, w => w.StartsWith("platforms.yaml:3:5: platforms.x.kind: kind 'bedrock' is not built in", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BaseUrlPlaceholder_IsFilledFromEnvironment()
    {
        var file = new PlatformsFileHarness().WithEnvironment("GEMINIX_URL", "https://gemini.example.com").Parse(
            "platforms:\n  g:\n    base_url: '{GEMINIX_URL}/v1'\n");

        Assert.Equal("https://gemini.example.com/v1", file.Platforms[0].Platform.BaseUrl);
    }
}
