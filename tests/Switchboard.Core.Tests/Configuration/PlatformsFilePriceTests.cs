namespace Switchboard.Core.Tests.Configuration;

/// <summary>Checks the price fields of the platforms file: cache-write prices on platform models, cache user prices on catalog models.</summary>
public sealed class PlatformsFilePriceTests
{
    [Fact]
    public void Parse_CachePrices_AreReadExactlyAndUnsetOnesStayNull()
    {
        var file = new PlatformsFileHarness().Parse("""
            platforms:
              claude:
                kind: anthropic
                base_url: https://api.anthropic.com/v1
                models:
                  sonnet: { model_name: claude-sonnet-4-5, input_price: 3, output_price: 15, cached_input_price: 0.3, cache_write_price: 3.75, cache_write_1h_price: 6 }
                  haiku: { model_name: claude-haiku-4-5, input_price: 1 }
            catalog:
              smart:
                user_input_price: 4
                user_output_price: 20
                user_cached_input_price: 0.4
                user_cache_write_price: 5.000000001
                sources: [{ platform: claude, model: sonnet }]
              plain:
                user_input_price: 1
                sources: [{ platform: claude, model: haiku }]
            """);

        var models = Assert.Single(file.Platforms).Models;
        Assert.Equal(((decimal?)3.75m, (decimal?)6m), (models[0].CacheWritePricePerMillion, models[0].CacheWrite1HourPricePerMillion));
        Assert.Equal(((decimal?)null, (decimal?)null), (models[1].CacheWritePricePerMillion, models[1].CacheWrite1HourPricePerMillion));
        Assert.Equal(((decimal?)0.4m, (decimal?)5.000000001m), (file.Catalog[0].UserCachedInputPricePerMillion, file.Catalog[0].UserCacheWritePricePerMillion));
        Assert.Equal(((decimal?)null, (decimal?)null), (file.Catalog[1].UserCachedInputPricePerMillion, file.Catalog[1].UserCacheWritePricePerMillion));
        Assert.Empty(file.Warnings);
    }

    [Theory]
    [InlineData("platforms:\n  p:\n    base_url: https://x.test/v1\n    models:\n      m: { model_name: m, cache_write_price: -1 }\n", "cache_write_price")]
    [InlineData("platforms:\n  p:\n    base_url: https://x.test/v1\n    models:\n      m: { model_name: m, cache_write_1h_price: lots }\n", "cache_write_1h_price")]
    [InlineData("platforms:\n  p:\n    base_url: https://x.test/v1\n    models: { m: m }\ncatalog:\n  c:\n    user_cache_write_price: -0.5\n    sources: [{ platform: p, model: m }]\n", "user_cache_write_price")]
    [InlineData("platforms:\n  p:\n    base_url: https://x.test/v1\n    models: { m: m }\ncatalog:\n  c:\n    user_cached_input_price: [1]\n    sources: [{ platform: p, model: m }]\n", "user_cached_input_price")]
    public void Parse_BadCachePrice_FailsNamingTheField(string yaml, string field)
    {
        var error = new PlatformsFileHarness().ParseFails(yaml);

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}
