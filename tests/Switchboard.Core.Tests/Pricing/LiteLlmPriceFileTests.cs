using System.Text;
using Switchboard.Core.Pricing;

namespace Switchboard.Core.Tests.Pricing;

public sealed class LiteLlmPriceFileTests
{
    private const string Sample = """
        {
            "sample_spec": {
                "input_cost_per_token": 0.0,
                "litellm_provider": "one of https://docs.litellm.ai/docs/providers",
                "max_input_tokens": "max input tokens, if the provider specifies it. if not default to max_tokens",
                "mode": "one of: chat, embedding, completion, image_generation"
            },
            "gpt-4o-mini": {
                "cache_read_input_token_cost": 7.5e-08,
                "input_cost_per_token": 1.5e-07,
                "litellm_provider": "openai",
                "max_input_tokens": 128000,
                "max_output_tokens": 16384,
                "max_tokens": 16384,
                "mode": "chat",
                "output_cost_per_token": 6e-07,
                "supports_vision": true,
                "supported_regions": ["global"],
                "search_context_cost_per_query": { "search_context_size_low": 0.025 }
            },
            "deepseek/deepseek-chat": {
                "input_cost_per_token": 0.00000027,
                "output_cost_per_token": 1.1E-6,
                "litellm_provider": "deepseek",
                "max_tokens": 8192,
                "mode": "chat"
            },
            "text-embedding-3-small": { "input_cost_per_token": 2e-08, "output_cost_per_token": 0.0, "litellm_provider": "openai", "mode": "embedding", "max_input_tokens": 8191 },
            "tiny": { "input_cost_per_token": 3.625e-09, "output_cost_per_token": "1.6e-06", "mode": null, "litellm_provider": null, "max_input_tokens": null }
        }
        """;

    [Fact]
    public void Parse_RealShape_ReadsPricesAsExactDecimals()
    {
        var list = Parse(Sample);

        Assert.Equal(4, list.Count);
        var mini = list.Find("gpt-4o-mini")!;
        Assert.Equal(0.00000015m, mini.InputCostPerToken);
        Assert.Equal(0.0000006m, mini.OutputCostPerToken);
        Assert.Equal(0.000000075m, mini.CachedInputCostPerToken);
        Assert.Equal(("openai", "chat", 128000, 16384), (mini.Provider, mini.Mode, mini.ContextWindow, mini.MaxOutputTokens));
        Assert.Equal(0.15m, PriceListEntry.PerMillion(mini.InputCostPerToken!.Value));
        Assert.Equal("0.15", PriceListEntry.PerMillion(mini.InputCostPerToken.Value).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.075m, PriceListEntry.PerMillion(mini.CachedInputCostPerToken!.Value));

        var deepseek = list.Find("deepseek/deepseek-chat")!;
        Assert.Equal(0.27m, PriceListEntry.PerMillion(deepseek.InputCostPerToken!.Value));
        Assert.Equal(1.1m, PriceListEntry.PerMillion(deepseek.OutputCostPerToken!.Value));

        // max_tokens alone (no output limit) is the legacy input limit.
        Assert.Equal(8192, deepseek.ContextWindow);

        var tiny = list.Find("tiny")!;
        Assert.Equal(0.003625m, PriceListEntry.PerMillion(tiny.InputCostPerToken!.Value));
        Assert.Equal(1.6m, PriceListEntry.PerMillion(tiny.OutputCostPerToken!.Value));
        Assert.Equal((null, null, null), (tiny.Mode, tiny.Provider, tiny.ContextWindow));
        Assert.Empty(list.Notes);
    }

    [Fact]
    public void Parse_SampleSpec_IsSkipped()
    {
        var list = Parse(Sample);

        Assert.Null(list.Find(LiteLlmPriceFile.SampleSpecKey));
        Assert.DoesNotContain(list.Entries, e => e.Key == "sample_spec");
    }

    [Fact]
    public void Parse_GarbageEntriesAndValues_AreToleratedWithNotes()
    {
        var list = Parse("""
            {
                "a-string": "not an entry",
                "an-array": [1, 2, 3],
                "a-null": null,
                "a-number": 42,
                "bad-values": { "input_cost_per_token": "cheap", "output_cost_per_token": -1, "cache_read_input_token_cost": [1], "max_input_tokens": 1.5, "mode": 7, "litellm_provider": {"x": 1} },
                "huge": { "input_cost_per_token": 1e40, "output_cost_per_token": 2e-06 },
                "good": { "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, },
                // LiteLLM's file has no comments, but a hand-edited copy might.
                "unknown-only": { "output_cost_per_image": 0.04, "nested": { "deep": [ { "x": null } ] } }
            }
            """);

        Assert.Equal(["bad-values", "good", "huge", "unknown-only"], list.Entries.Select(e => e.Key).Order(StringComparer.Ordinal));
        var bad = list.Find("bad-values")!;
        Assert.False(bad.HasTokenPrices);
        Assert.Equal((null, null, null, null, null), (bad.CachedInputCostPerToken, bad.MaxInputTokens, bad.Mode, bad.Provider, bad.ContextWindow));
        Assert.Null(list.Find("huge")!.InputCostPerToken);
        Assert.Equal(2m, PriceListEntry.PerMillion(list.Find("huge")!.OutputCostPerToken!.Value));
        Assert.Equal(1m, PriceListEntry.PerMillion(list.Find("good")!.InputCostPerToken!.Value));
        Assert.False(list.Find("unknown-only")!.HasTokenPrices);
        Assert.Contains(list.Notes, n => n.Contains("'a-string'", StringComparison.Ordinal));
        Assert.Contains(list.Notes, n => n.Contains("'an-array'", StringComparison.Ordinal));
        Assert.Contains(list.Notes, n => n.Contains("'bad-values': input_cost_per_token", StringComparison.Ordinal));
        Assert.Contains(list.Notes, n => n.Contains("'bad-values': output_cost_per_token -1", StringComparison.Ordinal));
        Assert.Contains(list.Notes, n => n.Contains("'huge'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[]", "line 1, column 1 starts an array")]
    [InlineData("\n\n   \"text\"", "line 3, column 4 starts a string")]
    [InlineData("42", "line 1, column 1 starts a number")]
    public void Parse_RootNotAnObject_ThrowsNamingFileAndPosition(string json, string position)
    {
        var ex = Assert.Throws<PriceFileException>(() => Parse(json));

        Assert.StartsWith("prices.json: the root must be a JSON object", ex.Message, StringComparison.Ordinal);
        Assert.Contains(position, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_ThrowsNamingFileAndLine()
    {
        var ex = Assert.Throws<PriceFileException>(() => Parse("{\n  \"a\": { \"input_cost_per_token\": 1e-06 },\n  \"b\": {oops}\n}"));

        Assert.StartsWith("prices.json: not valid JSON at line 3", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Empty_Throws(string json) =>
        Assert.Contains("prices.json: the file is empty", Assert.Throws<PriceFileException>(() => Parse(json)).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_TrailingSecondDocument_Throws() =>
        Assert.Throws<PriceFileException>(() => Parse("{} {}"));

    [Fact]
    public void Parse_ByteOrderMark_IsAccepted() =>
        Assert.Equal(1, LiteLlmPriceFile.Parse([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"m": {"input_cost_per_token": 1e-06}}""")], "bom.json").Count);

    private static PriceList Parse(string json) => LiteLlmPriceFile.Parse(Encoding.UTF8.GetBytes(json), "prices.json");
}
