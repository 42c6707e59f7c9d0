using System.Text;
using Switchboard.Core.Tokenization;

namespace Switchboard.Core.Tests.Tokenization;

public sealed class TextCountCacheTests
{
    private const string SystemPrompt = "You are the support assistant of Switchboard, a gateway. 你是网关的客服助手，请用中文或英文简洁地回答问题。 Answer briefly.";

    private static readonly string Body = """
        {"model":"ignored","messages":[
          {"role":"system","content":"SYSTEM"},
          {"role":"user","content":"Escaped text counts the same: caf\u00e9 \"quoted\" \n and a tab\t, long enough to be cached."},
          {"role":"user","content":"short"}],
         "tools":[{"type":"function","function":{"name":"lookup_order","description":"Looks up an order by its number and returns its status, items and delivery date.","parameters":{"type":"object","properties":{"order":{"type":"string","description":"The order number, for example SB-2026-000123."}}}}}]}
        """.Replace("SYSTEM", SystemPrompt, StringComparison.Ordinal);

    private static long Prompt(TokenEstimator estimator, string model) => estimator.EstimatePromptTokens(Encoding.UTF8.GetBytes(Body), model);

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("gpt-4")]
    [InlineData("claude-sonnet-4-5")]
    [InlineData("qwen-max")]
    public void Prompt_RepeatedBody_CountsTheSameFromTheCache(string model)
    {
        var estimator = new TokenEstimator();
        var first = Prompt(estimator, model);
        Assert.Equal(0, estimator.CachedStrings);

        // The second sighting admits the strings of 64 bytes or more (system prompt, escaped message, tool description); the third reads them.
        Assert.Equal(first, Prompt(estimator, model));
        Assert.Equal(3, estimator.CachedStrings);
        Assert.Equal(first, Prompt(estimator, model));
        Assert.Equal(first, new TokenEstimator().EstimatePromptTokens(Encoding.UTF8.GetBytes(Body), model));
    }

    [Fact]
    public void Prompt_FamiliesSharingCl100k_ScaleTheCachedCountsByTheirOwnFactors()
    {
        // Cached through gpt-4 (exact, no factors), read by families whose Chinese and English factors differ.
        var shared = new TokenEstimator();
        Prompt(shared, "gpt-4");
        Prompt(shared, "gpt-4");
        Assert.True(shared.CachedStrings > 0);
        foreach (var model in new[] { "claude-opus-4-1", "qwen-plus", "deepseek-chat", "llama-3.1-70b" })
        {
            Assert.Equal(Prompt(new TokenEstimator(), model), Prompt(shared, model));
        }
    }

    [Fact]
    public void Offer_KeepsAStringOnItsSecondSighting_AndNeverShortOnes()
    {
        var cache = new TextCountCache();
        var text = Encoding.UTF8.GetBytes(new string('a', TextCountCache.MinBytes));
        cache.Offer(text, new CountedText(8, 0));
        Assert.False(cache.TryGet(text, out _));
        cache.Offer(text, new CountedText(8, 0));
        Assert.True(cache.TryGet(text, out var counted));
        Assert.Equal(new CountedText(8, 0), counted);

        var shorter = text.AsSpan(1);
        cache.Offer(shorter, new CountedText(7, 0));
        cache.Offer(shorter, new CountedText(7, 0));
        Assert.False(cache.TryGet(shorter, out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Offer_ManyStrings_StaysWithinItsBounds()
    {
        var cache = new TextCountCache();
        long peakEntries = 0;
        for (var i = 0; i < TextCountCache.MaxEntries * 3; i++)
        {
            var text = Encoding.UTF8.GetBytes($"{i:D8} {new string('x', 100)}");
            cache.Offer(text, new CountedText(i, 0));
            cache.Offer(text, new CountedText(i, 0));
            Assert.True(cache.TryGet(text, out var counted) && counted.Tokens == i);
            peakEntries = Math.Max(peakEntries, cache.Count);
        }

        Assert.Equal(TextCountCache.MaxEntries, peakEntries);

        // Large strings hit the byte bound long before the entry bound; one beyond MaxBytes is never kept.
        var large = new string('y', 200_000);
        for (var i = 0; i < 40; i++)
        {
            var text = Encoding.UTF8.GetBytes(i + large);
            cache.Offer(text, new CountedText(i, 0));
            cache.Offer(text, new CountedText(i, 0));
            Assert.True(cache.Count * 200_000L <= TextCountCache.MaxTotalBytes + 200_100);
        }

        var huge = Encoding.UTF8.GetBytes(new string('z', TextCountCache.MaxBytes + 1));
        cache.Offer(huge, new CountedText(1, 0));
        cache.Offer(huge, new CountedText(1, 0));
        Assert.False(cache.TryGet(huge, out _));
    }

    [Fact]
    public void Prompt_ConcurrentRequests_AgreeWithASingleThread()
    {
        var estimator = new TokenEstimator();
        var bodies = Enumerable.Range(0, 16).Select(i => Encoding.UTF8.GetBytes(Body.Replace("Answer briefly.", $"Answer briefly, variant {i}.", StringComparison.Ordinal))).ToArray();
        var expected = bodies.Select(body => new TokenEstimator().EstimatePromptTokens(body, "claude-sonnet-4-5")).ToArray();
        Parallel.For(0, bodies.Length * 20, i => Assert.Equal(expected[i % bodies.Length], estimator.EstimatePromptTokens(bodies[i % bodies.Length], "claude-sonnet-4-5")));
    }
}
