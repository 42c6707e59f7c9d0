namespace Switchboard.Core.Tests.Configuration;

public sealed class PlatformsFileCatalogTests
{
    private const string Platforms = """
        platforms:
          qwen:
            base_url: https://dashscope.aliyuncs.com/compatible-mode/v1
            models:
              '通义flash': 'qwen-flash'
              'qwen-plus': 'qwen-plus'
          deepseek:
            preset: deepseek
            models: { chat: deepseek-chat }

        """;

    [Fact]
    public void Parse_CatalogSection_ReadsModelsAndSources()
    {
        var file = new PlatformsFileHarness().Parse(Platforms + """
            catalog:
              fast-chat:
                display_name: Fast chat
                strategy: priority
                tier_required: pro
                tags: [fast, recommended]
                user_input_price: 1.0
                user_output_price: 3.0
                context_window: 128000
                max_output_tokens: 8192
                featured: true
                sources:
                  - { platform: qwen, model: '通义flash', priority: 0, weight: 1 }
                  - platform: deepseek
                    model: chat
                    priority: 1
                    weight: 3
              embed:
                type: embedding
                active: false
                sources: [{ platform: qwen, model: qwen-plus }]
            """);

        Assert.Collection(
            file.Catalog,
            fast =>
            {
                Assert.Equal("fast-chat", fast.Id);
                Assert.Equal("Fast chat", fast.DisplayName);
                Assert.Equal("priority", fast.Strategy);
                Assert.Equal("pro", fast.TierRequired);
                Assert.Equal(["fast", "recommended"], fast.Tags);
                Assert.Equal(1.0m, fast.UserInputPricePerMillion);
                Assert.Equal(3.0m, fast.UserOutputPricePerMillion);
                Assert.Equal(128000, fast.ContextWindow);
                Assert.Equal(8192, fast.MaxOutputTokens);
                Assert.True(fast.Featured);
                Assert.Equal(2, fast.Sources.Count);
                Assert.Equal(("qwen", "通义flash", 0, 1), (fast.Sources[0].PlatformName, fast.Sources[0].ModelDisplayName, fast.Sources[0].Priority, fast.Sources[0].Weight));
                Assert.Equal(("deepseek", "chat", 1, 3), (fast.Sources[1].PlatformName, fast.Sources[1].ModelDisplayName, fast.Sources[1].Priority, fast.Sources[1].Weight));
            },
            embed =>
            {
                Assert.Equal("embedding", embed.Type);
                Assert.False(embed.Active);
                Assert.Equal("qwen-plus", Assert.Single(embed.Sources).ModelDisplayName);
            });
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Parse_CatalogBeforePlatforms_StillResolvesSources()
    {
        var file = new PlatformsFileHarness().Parse("""
            catalog:
              c: { sources: [{ platform: p, model: m }] }
            platforms:
              p: { base_url: 'https://llm.example.com/v1', models: { m: m } }
            """);

        Assert.Equal("p", file.Catalog[0].Sources[0].PlatformName);
    }

    [Fact]
    public void Parse_CatalogModelWithoutSources_Warns()
    {
        var file = new PlatformsFileHarness().Parse(Platforms + "catalog:\n  lonely: { display_name: Lonely }\n");

        Assert.Contains(file.Warnings, w => w.Contains("catalog.lonely: catalog model lonely has no sources", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SourceNamingUpstreamModel_ExplainsDisplayNames()
    {
        var error = new PlatformsFileHarness().ParseFails(Platforms + "catalog:\n  f:\n    sources:\n      - { platform: qwen, model: qwen-flash }\n");

        Assert.Equal(
            "platforms.yaml:13:27: catalog.f.sources[0].model: platform 'qwen' has no model 'qwen-flash'; "
            + "'qwen-flash' is the upstream name of its model '通义flash', and sources name models by display name",
            error.Message);
    }

    [Fact]
    public void Parse_SourceToUnknownPlatform_ListsPlatforms()
    {
        var error = new PlatformsFileHarness().ParseFails(Platforms + "catalog:\n  f:\n    sources:\n      - { platform: openai, model: gpt-4o }\n");

        Assert.Equal(
            "platforms.yaml:13:11: catalog.f.sources[0].platform: unknown platform 'openai'; platforms in this file: qwen, deepseek",
            error.Message);
    }
}
