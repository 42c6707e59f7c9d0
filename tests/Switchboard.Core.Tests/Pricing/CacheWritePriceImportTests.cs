using System.Text;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Pricing;
using Switchboard.Core.Pricing;

namespace Switchboard.Core.Tests.Pricing;

/// <summary>Checks that LiteLLM's cache-write prices (five-minute and one-hour) are read exactly and applied only where stated.</summary>
public sealed class CacheWritePriceImportTests
{
    // The shape LiteLLM gives Anthropic models, including its long-context fields this reader ignores.
    private static readonly PriceList Prices = LiteLlmPriceFile.Parse(Encoding.UTF8.GetBytes("""
        {
            "claude-sonnet-4-5": {
                "litellm_provider": "anthropic", "mode": "chat", "max_input_tokens": 200000, "max_output_tokens": 64000,
                "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                "input_cost_per_token_above_200k_tokens": 6e-06,
                "cache_read_input_token_cost": 3e-07,
                "cache_creation_input_token_cost": 3.75e-06,
                "cache_creation_input_token_cost_above_1hr": 6e-06,
                "cache_creation_input_token_cost_above_200k_tokens": 7.5e-06,
                "supports_prompt_caching": true
            },
            "claude-haiku-x": { "litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 5e-06, "cache_creation_input_token_cost": 1.25e-06 },
            "bad-write": { "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06, "cache_creation_input_token_cost": "lots", "cache_creation_input_token_cost_above_1hr": -1 }
        }
        """), "prices.json");

    [Fact]
    public void Parse_CacheCreationCosts_AreExactDecimals()
    {
        var sonnet = Prices.Find("claude-sonnet-4-5")!;

        Assert.Equal((0.00000375m, 0.000006m), (sonnet.CacheWriteCostPerToken, sonnet.CacheWrite1HourCostPerToken));
        Assert.Equal((3.75m, 6m), (PriceListEntry.PerMillion(sonnet.CacheWriteCostPerToken!.Value), PriceListEntry.PerMillion(sonnet.CacheWrite1HourCostPerToken!.Value)));
        Assert.Null(Prices.Find("claude-haiku-x")!.CacheWrite1HourCostPerToken);
    }

    [Fact]
    public void Parse_UnreadableCacheCreationCosts_AreSkippedWithANote()
    {
        var bad = Prices.Find("bad-write")!;

        Assert.Equal(((decimal?)null, (decimal?)null), (bad.CacheWriteCostPerToken, bad.CacheWrite1HourCostPerToken));
        Assert.Contains(Prices.Notes, n => n.Contains("cache_creation_input_token_cost is a string", StringComparison.Ordinal));
        Assert.Contains(Prices.Notes, n => n.Contains("cache_creation_input_token_cost_above_1hr -1", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_CacheWritePrices_AreImportedWhereTheListStatesThem()
    {
        var configuration = new ConfigurationData
        {
            Platforms = [new PlatformConfig { Id = 1, Name = "claude", Kind = "anthropic", BaseUrl = "https://api.anthropic.com/v1" }],
            Models =
            [
                new PlatformModelConfig { Id = 10, PlatformId = 1, DisplayName = "sonnet", UpstreamModel = "claude-sonnet-4-5" },
                new PlatformModelConfig { Id = 11, PlatformId = 1, DisplayName = "haiku", UpstreamModel = "claude-haiku-x", CacheWrite1HourPricePerMillion = 2.5m },
            ],
        };

        var plan = PriceImportPlanner.Plan(configuration, Prices, new Names());

        Assert.Equal(
            [
                new PlatformModelPriceUpdate(10, 3m, 15m, 0.3m, 3.75m, 6m, 200000),
                new PlatformModelPriceUpdate(11, 1m, 5m, null, 1.25m, 2.5m, null),
            ],
            plan.Updates);
    }

    private sealed class Names : IPriceListProviderNames
    {
        public IReadOnlyList<string> For(string kind, string? preset) => [kind];
    }
}
