using System.Text.Json;
using Switchboard.Core.Configuration;

namespace Switchboard.Core.Tests.Configuration;

public sealed class PlatformsFileShapeTests
{
    [Fact]
    public void Parse_PlatformsSection_ReadsStringAndMapModels()
    {
        var file = new PlatformsFileHarness().Parse("""
            platforms:
              qwen:
                base_url: https://dashscope.aliyuncs.com/compatible-mode/v1/
                models:
                  '通义flash': 'qwen-flash'
                  'qwen-plus':
                    model_name: qwen-plus-latest
                    extra_body: { enable_thinking: false, top_k: 20, temperature: 0.7, stop: ['a', 'b'], tag: 'true', nested: { x: ~ } }
                    input_price: 0.8
                    output_price: 2
                    cached_input_price: 0.16
                    context_window: 131072
                    type: chat
                    capabilities: [tools, vision]
                  'text-embedding-v4':
                    type: embedding
                    enabled: false
            """);

        var seed = Assert.Single(file.Platforms);
        Assert.Equal("qwen", seed.Platform.Name);
        Assert.Equal("https://dashscope.aliyuncs.com/compatible-mode/v1", seed.Platform.BaseUrl);
        Assert.Equal("-1", seed.Platform.OwnerUserId);
        Assert.True(seed.Platform.Enabled);
        Assert.Empty(seed.Keys);
        Assert.Collection(
            seed.Models,
            flash =>
            {
                Assert.Equal("通义flash", flash.DisplayName);
                Assert.Equal("qwen-flash", flash.UpstreamModel);
                Assert.Null(flash.ExtraBodyJson);
                Assert.Equal("chat", flash.Type);
            },
            plus =>
            {
                Assert.Equal("qwen-plus", plus.DisplayName);
                Assert.Equal("qwen-plus-latest", plus.UpstreamModel);
                Assert.Equal(0.8m, plus.InputPricePerMillion);
                Assert.Equal(2m, plus.OutputPricePerMillion);
                Assert.Equal(0.16m, plus.CachedInputPricePerMillion);
                Assert.Equal(131072, plus.ContextWindow);
                Assert.Equal(["tools", "vision"], plus.Capabilities);
                using var body = JsonDocument.Parse(plus.ExtraBodyJson!);
                Assert.Equal(JsonValueKind.False, body.RootElement.GetProperty("enable_thinking").ValueKind);
                Assert.Equal(20, body.RootElement.GetProperty("top_k").GetInt32());
                Assert.Equal(0.7m, body.RootElement.GetProperty("temperature").GetDecimal());
                Assert.Equal(2, body.RootElement.GetProperty("stop").GetArrayLength());
                Assert.Equal("true", body.RootElement.GetProperty("tag").GetString());
                Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("nested").GetProperty("x").ValueKind);
            },
            embedding =>
            {
                Assert.Equal("text-embedding-v4", embedding.UpstreamModel);
                Assert.Equal("embedding", embedding.Type);
                Assert.False(embedding.Enabled);
            });
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Parse_ClassicFileWithPlatformsAtTheTop_ReadsEveryPlatformInOrder()
    {
        var file = new PlatformsFileHarness().WithEnvironment("ALIYUN_API_KEY", "sk-aliyun-0123456789").Parse("""
            # classic llm_mgr_cfg.yaml: the first platform's first model is the default
            魔搭ModelScope:
              base_url: https://api-inference.modelscope.cn/v1
              models:
                DeepSeek-V3.2:
                  model_name: deepseek-ai/DeepSeek-V3.2
                  extra_body:
                    enable_thinking: false
                moonshotai/Kimi-K2.5:
                  model_name: moonshotai/Kimi-K2.5
                  extra_body:
                    thinking:
                      type: disabled
            阿里云百炼:
              base_url: "https://dashscope.aliyuncs.com/compatible-mode/v1"
              api_key: '{ALIYUN_API_KEY}'
              models:
                通义向量-v4:
                  model_name: text-embedding-v4
                  is_embedding: true
                "通义flash": "qwen-flash"
            """);

        Assert.Equal(["魔搭ModelScope", "阿里云百炼"], file.Platforms.Select(p => p.Platform.Name));
        var modelScope = file.Platforms[0];
        Assert.Equal("DeepSeek-V3.2", modelScope.Models[0].DisplayName);
        Assert.Equal("""{"thinking":{"type":"disabled"}}""", modelScope.Models[1].ExtraBodyJson);
        var aliyun = file.Platforms[1];
        Assert.Equal("embedding", aliyun.Models[0].Type);
        Assert.Equal("sk-aliyun-0123456789", new PlatformsFileHarness().Sealer.Unseal(aliyun.Keys[0].SealedValue, "sb:key:-1:阿里云百炼"));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Parse_PlatformFields_ReadsHeadersOptionsExtraBodyAndEnabled()
    {
        var file = new PlatformsFileHarness().Parse("""
            platforms:
              router:
                base_url: https://openrouter.ai/api/v1
                headers: { X-Title: app, HTTP-Referer: 'https://example.com' }
                extra_body: { provider: { sort: price } }
                options: { api_version: '2024-10-21', max_tokens_field: max_tokens, stream_usage: true }
                enabled: false
            """);

        var platform = Assert.Single(file.Platforms).Platform;
        Assert.Equal("app", platform.Headers["X-Title"]);
        Assert.Equal("https://example.com", platform.Headers["HTTP-Referer"]);
        Assert.Equal("2024-10-21", platform.Options["api_version"]);
        Assert.Equal("true", platform.Options["stream_usage"]);
        Assert.Equal("""{"provider":{"sort":"price"}}""", platform.ExtraBodyJson);
        Assert.False(platform.Enabled);
    }

    [Fact]
    public void Parse_SettingsSection_ReadsValuesAsText()
    {
        var file = new PlatformsFileHarness().Parse("""
            settings:
              mode: multi-fixed
              auto_key: true
              budget: 12.50
              empty:
            platforms: {}
            """);

        Assert.Equal("multi-fixed", file.Settings["mode"]);
        Assert.Equal("true", file.Settings["auto_key"]);
        Assert.Equal("12.50", file.Settings["budget"]);
        Assert.Equal(string.Empty, file.Settings["empty"]);
        Assert.Empty(file.Platforms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("~\n")]
    public void Parse_EmptyFile_ReturnsNothing(string yaml)
    {
        var file = new PlatformsFileHarness().Parse(yaml);

        Assert.Empty(file.Platforms);
        Assert.Empty(file.Catalog);
        Assert.Empty(file.Settings);
    }

    [Fact]
    public void Parse_UnknownFields_WarnWithLocationAndAreIgnored()
    {
        var file = new PlatformsFileHarness().Parse("""
            platforms:
              qwen:
                base_url: https://dashscope.aliyuncs.com/compatible-mode/v1
                api_kye: oops
                models:
                  m: { model_name: m, colour: blue }
            extras: 1
            """);

        Assert.Collection(
            file.Warnings,
            w => Assert.Equal("platforms.yaml:4:5: platforms.qwen.api_kye: unknown field 'api_kye' is ignored", w),
            w => Assert.StartsWith("platforms.yaml:6:27: platforms.qwen.models.m.colour: unknown field", w, StringComparison.Ordinal),
            w => Assert.StartsWith("platforms.yaml:7:1: extras: unknown field", w, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TiersSectionAndSecondDocument_WarnAndAreIgnored()
    {
        var file = new PlatformsFileHarness().Parse("tiers:\n  free: {}\n---\nplatforms: {}\n");

        Assert.Collection(
            file.Warnings,
            w => Assert.StartsWith("platforms.yaml:4:1: (yaml): the file holds more than one YAML document", w, StringComparison.Ordinal),
            w => Assert.StartsWith("platforms.yaml:1:1: tiers: the tiers section is not read", w, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ExtraBodyWithChineseText_KeepsItReadable()
    {
        var file = new PlatformsFileHarness().Parse(
            "platforms:\n  q:\n    base_url: https://llm.example.com\n    models:\n      m: { extra_body: { system: '你好' } }\n");

        Assert.Equal("""{"system":"你好"}""", file.Platforms[0].Models[0].ExtraBodyJson);
    }

    [Fact]
    public void Load_FileOnDisk_NamesItInErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sb-platforms-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    models: [a, b]\n");
        try
        {
            var harness = new PlatformsFileHarness();

            var error = Assert.Throws<ConfigurationFileException>(
                () => PlatformsFileLoader.Load(path, harness.Sealer, new FakePlatformPresets(), _ => null, harness.Logger));

            Assert.StartsWith($"{path}:4:5: platforms.qwen.models: expected a map", error.Message, StringComparison.Ordinal);
            Assert.Equal(4, error.Line);
            Assert.Equal(5, error.Column);
            Assert.Equal("platforms.qwen.models", error.FieldPath);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
