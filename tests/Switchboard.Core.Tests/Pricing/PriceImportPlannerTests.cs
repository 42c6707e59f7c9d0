using System.Text;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Pricing;
using Switchboard.Core.Pricing;

namespace Switchboard.Core.Tests.Pricing;

public sealed class PriceImportPlannerTests
{
    private static readonly PriceList Prices = LiteLlmPriceFile.Parse(Encoding.UTF8.GetBytes("""
        {
            "gpt-4o": { "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-06, "max_input_tokens": 128000, "litellm_provider": "openai", "mode": "chat" },
            "openrouter/openai/gpt-4o": { "input_cost_per_token": 2.6e-06, "output_cost_per_token": 1.1e-05, "litellm_provider": "openrouter", "mode": "chat" },
            "deepseek-chat": { "input_cost_per_token": 9e-07, "output_cost_per_token": 9e-07, "litellm_provider": "fireworks", "mode": "chat" },
            "deepseek/deepseek-chat": { "input_cost_per_token": 2.7e-07, "output_cost_per_token": 1.1e-06, "litellm_provider": "deepseek", "mode": "chat", "max_input_tokens": 65536 },
            "dall-e-3": { "output_cost_per_image": 0.04, "litellm_provider": "openai", "mode": "image_generation" },
            "text-embedding-3-small": { "input_cost_per_token": 2e-08, "output_cost_per_token": 0.0, "litellm_provider": "openai", "mode": "embedding" },
            "rerank-x": { "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06, "mode": "rerank" },
            "Mixed-Case-Model": { "input_cost_per_token": 1e-06, "output_cost_per_token": 3e-06 }
        }
        """), "test.json");

    [Fact]
    public void Match_PrefixedKeyOfThePlatformsProvider_WinsOverTheBareName()
    {
        Assert.Equal("deepseek/deepseek-chat", PriceMatcher.Match(Prices, "deepseek-chat", "chat", ["deepseek"])!.Key);
        Assert.Equal("openrouter/openai/gpt-4o", PriceMatcher.Match(Prices, "openai/gpt-4o", "chat", ["openrouter"])!.Key);
        Assert.Equal("gpt-4o", PriceMatcher.Match(Prices, "gpt-4o", "chat", ["openai"])!.Key);
        Assert.Equal("gpt-4o", PriceMatcher.Match(Prices, "gpt-4o", "chat", [])!.Key);
    }

    [Fact]
    public void Match_ModelAlreadySpelledWithThePrefix_IsNotPrefixedTwice() =>
        Assert.Equal(["deepseek/deepseek-chat"], PriceMatcher.Candidates("deepseek/deepseek-chat", ["deepseek"]));

    [Fact]
    public void Match_IgnoresCaseOnlyWhenNoExactKeyExists() =>
        Assert.Equal("Mixed-Case-Model", PriceMatcher.Match(Prices, "mixed-case-model", "chat", [])!.Key);

    [Theory]
    [InlineData("dall-e-3", "chat")]
    [InlineData("rerank-x", "chat")]
    [InlineData("gpt-4o", "embedding")]
    [InlineData("text-embedding-3-small", "chat")]
    [InlineData("missing", "chat")]
    [InlineData("", "chat")]
    public void Match_NoTokenPricesOrWrongMode_DoesNotMatch(string model, string type) =>
        Assert.Null(PriceMatcher.Match(Prices, model, type, ["openai"]));

    [Fact]
    public void Match_EmbeddingModel_MatchesEmbeddingEntry() =>
        Assert.Equal("text-embedding-3-small", PriceMatcher.Match(Prices, "text-embedding-3-small", "embedding", ["openai"])!.Key);

    [Fact]
    public void Plan_SystemPlatforms_ReportsChangesUnchangedAndUnmatched()
    {
        var configuration = new ConfigurationData
        {
            Platforms =
            [
                new PlatformConfig { Id = 1, Name = "ds", Kind = "openai", Preset = "deepseek", BaseUrl = "https://api.deepseek.com/v1" },
                new PlatformConfig { Id = 2, Name = "oai", Kind = "openai", BaseUrl = "https://api.openai.com/v1" },
                new PlatformConfig { Id = 3, Name = "mine", Kind = "openai", BaseUrl = "https://example.test/v1", OwnerUserId = "alice" },
            ],
            Models =
            [
                Model(10, 1, "chat", "deepseek-chat", input: 1m, output: 2m, cached: 0.1m, window: 32000),
                Model(11, 2, "4o", "gpt-4o", input: 2.5m, output: 10m, cached: 1.25m, window: 128000),
                Model(12, 2, "custom", "my-finetune", input: 3m, output: 4m),
                Model(13, 3, "private", "gpt-4o", input: 0m, output: 0m),
                Model(14, 2, "emb", "text-embedding-3-small", input: 0m, output: 0m, type: "embedding"),
            ],
        };

        var plan = PriceImportPlanner.Plan(configuration, Prices, new Names());

        Assert.Equal(1, plan.Unchanged);
        Assert.Equal([new UnmatchedModel("oai", "custom", "my-finetune")], plan.Unmatched);
        Assert.Equal([10L, 14L], plan.Changes.Select(c => c.ModelId));
        var chat = plan.Changes[0];
        Assert.Equal(("ds", "chat", "deepseek-chat", "deepseek/deepseek-chat"), (chat.Platform, chat.Model, chat.UpstreamModel, chat.PriceKey));
        Assert.Equal(new ModelPrices(1m, 2m, 0.1m, null, null, 32000), chat.Old);

        // The list has no cache-read price here, so the model's own stays; its known window is kept too.
        Assert.Equal(new ModelPrices(0.27m, 1.1m, 0.1m, null, null, 32000), chat.New);
        Assert.Equal(new ModelPrices(0.02m, 0m, null, null, null, null), plan.Changes[1].New);
        Assert.Equal(
            [new PlatformModelPriceUpdate(10, 0.27m, 1.1m, 0.1m, null, null, 32000), new PlatformModelPriceUpdate(14, 0.02m, 0m, null, null, null, null)],
            plan.Updates);
        Assert.Equal(8, plan.Entries);
    }

    [Fact]
    public void Apply_UnknownWindow_IsFilledFromTheList()
    {
        var entry = Prices.Find("deepseek/deepseek-chat")!;

        Assert.Equal(new ModelPrices(0.27m, 1.1m, null, null, null, 65536), PriceImportPlanner.Apply(new ModelPrices(0m, 0m, null, null, null, null), entry));
    }

    private static PlatformModelConfig Model(long id, long platform, string name, string upstream, decimal input, decimal output, decimal? cached = null, int? window = null, string type = "chat") => new()
    {
        Id = id,
        PlatformId = platform,
        DisplayName = name,
        UpstreamModel = upstream,
        InputPricePerMillion = input,
        OutputPricePerMillion = output,
        CachedInputPricePerMillion = cached,
        ContextWindow = window,
        Type = type,
    };

    private sealed class Names : IPriceListProviderNames
    {
        public IReadOnlyList<string> For(string kind, string? preset) => preset is null ? [kind] : [preset];
    }
}
