using System.Text.Json;
using Switchboard.Abstractions.Usage;
using Switchboard.Server.Tests.Infrastructure;
using static Switchboard.Server.Tests.Caching.CacheTestGateway;

namespace Switchboard.Server.Tests.Caching;

/// <summary>The response cache through the real gateway and a fake upstream: hits, misses, lifetimes, tenants, opt-ins and the usage each request leaves.</summary>
public sealed class ResponseCacheTests
{
    [Fact]
    public async Task SecondRequest_OnCachedModel_IsServedFromCacheAndRecordedOnceAsCachedAtNoCost()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl));
        using var client = host.CreateClient();

        using var first = await PostAsync(client, Body);
        var firstText = await ContentAsync(first);
        using var second = await PostAsync(client, Body);
        var secondText = await ContentAsync(second);

        Assert.Equal("miss", CacheHeader(first));
        Assert.Equal("hit", CacheHeader(second));
        Assert.Equal("Paris, answer 1.", firstText);
        Assert.Equal(firstText, secondText);
        Assert.Single(upstream.Requests);

        var records = await host.FlushUsageAsync();
        Assert.Equal(2, records.Count);
        var miss = Assert.Single(records, r => r.UsageSource != UsageSource.Cached);
        var hit = Assert.Single(records, r => r.UsageSource == UsageSource.Cached);
        Assert.Equal(UsageSource.Reported, miss.UsageSource);
        Assert.True(miss.ProviderCost > 0m);
        Assert.True(miss.UserPrice > 0m);
        Assert.Equal(UsageSource.Cached, hit.UsageSource);
        Assert.Equal("success", hit.Status);
        Assert.Equal(0m, hit.ProviderCost);
        Assert.Equal(0m, hit.UserPrice);
        Assert.Equal(miss.Tokens, hit.Tokens);
        Assert.Equal("cached", hit.CatalogModel);
        Assert.Null(hit.Platform);
        Assert.Equal(0, hit.Attempts);
    }

    [Fact]
    public async Task ModelWithoutOptIn_IsNeverCached_AndAChangedBodyIsAMiss()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl));
        using var client = host.CreateClient();

        using var plain1 = await PostAsync(client, With("plain"));
        using var plain2 = await PostAsync(client, With("plain"));
        Assert.Null(CacheHeader(plain1));
        Assert.Null(CacheHeader(plain2));
        Assert.NotEqual(await ContentAsync(plain1), await ContentAsync(plain2));

        using var cached = await PostAsync(client, Body);
        using var other = await PostAsync(client, With("cached", content: "What is the capital of Spain?"));
        Assert.Equal("miss", CacheHeader(cached));
        Assert.Equal("miss", CacheHeader(other));
        Assert.Equal(4, upstream.Requests.Count);

        // Field order, whitespace and the client's own labels do not change the answer, so they are the same entry.
        var reordered = """{ "temperature": 0, "user": "someone", "messages": [{"role":"user","content":"What is the capital of France?"}], "model": "cached" }""";
        using var same = await PostAsync(client, reordered);
        Assert.Equal("hit", CacheHeader(same));
        Assert.Equal(await ContentAsync(cached), await ContentAsync(same));
    }

    [Fact]
    public async Task CachedAnswer_IsReplayedAsValidStream_AndAStreamedAnswerServesAPlainRequest()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl));
        using var client = host.CreateClient();

        // A plain answer, then the same request streamed: served from the cache as a stream.
        using var plain = await PostAsync(client, Body);
        var text = await ContentAsync(plain);
        using var streamed = await PostAsync(client, With("cached", stream: true));
        Assert.Equal("hit", CacheHeader(streamed));
        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType?.MediaType);
        var sse = await streamed.Content.ReadAsStringAsync();
        Assert.EndsWith("data: [DONE]\n\n", sse, StringComparison.Ordinal);
        var chunks = SseParser.Chunks(sse);
        Assert.Equal(text, string.Concat(chunks.SelectMany(Deltas)));
        Assert.Contains(chunks, c => c.GetProperty("choices").GetArrayLength() > 0 && c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind == JsonValueKind.String);
        var usage = chunks.Last().GetProperty("usage");
        Assert.Equal(14, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(5, usage.GetProperty("completion_tokens").GetInt32());

        // A streamed answer to a new question is stored as it passes, then serves the same question plain.
        var question = "Name a river in France.";
        using var streamedMiss = await PostAsync(client, With("cached", stream: true, content: question));
        Assert.Equal("miss", CacheHeader(streamedMiss));
        var missChunks = SseParser.Chunks(await streamedMiss.Content.ReadAsStringAsync());
        var streamedText = string.Concat(missChunks.SelectMany(Deltas));
        Assert.Equal("Paris, answer 2.", streamedText);
        using var plainHit = await PostAsync(client, With("cached", content: question));
        Assert.Equal("hit", CacheHeader(plainHit));
        Assert.Equal(streamedText, await ContentAsync(plainHit));
        Assert.Equal(2, upstream.Requests.Count);

        var records = await host.FlushUsageAsync();
        Assert.Equal(4, records.Count);
        Assert.Equal(2, records.Count(r => r.UsageSource == UsageSource.Cached && r.ProviderCost == 0m));
        Assert.All(records, r => Assert.Equal("success", r.Status));
    }

    [Fact]
    public async Task Entry_ExpiresAfterItsLifetime()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl));
        using var client = host.CreateClient();
        (string, string)[] oneSecond = [("x-switchboard-cache", "on"), ("x-switchboard-cache-ttl", "1")];

        using var first = await PostAsync(client, With("plain"), oneSecond);
        using var second = await PostAsync(client, With("plain"), oneSecond);
        Assert.Equal("miss", CacheHeader(first));
        Assert.Equal("hit", CacheHeader(second));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var third = await PostAsync(client, With("plain"), oneSecond);
        Assert.Equal("miss", CacheHeader(third));
        Assert.Equal("Paris, answer 2.", await ContentAsync(third));
        Assert.Equal(2, upstream.Requests.Count);
    }

    [Fact]
    public async Task OneUsersAnswer_IsNeverServedToAnother()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl));
        using var alice = await KeyClientAsync(host, new { name = "alice", user_id = "alice" });
        using var bob = await KeyClientAsync(host, new { name = "bob", user_id = "bob" });

        using var aliceFirst = await PostAsync(alice, Body);
        using var bobFirst = await PostAsync(bob, Body);
        using var aliceAgain = await PostAsync(alice, Body);
        using var bobAgain = await PostAsync(bob, Body);

        Assert.Equal("miss", CacheHeader(aliceFirst));
        Assert.Equal("miss", CacheHeader(bobFirst));
        Assert.Equal("hit", CacheHeader(aliceAgain));
        Assert.Equal("hit", CacheHeader(bobAgain));
        var aliceText = await ContentAsync(aliceFirst);
        var bobText = await ContentAsync(bobFirst);
        Assert.NotEqual(aliceText, bobText);
        Assert.Equal(aliceText, await ContentAsync(aliceAgain));
        Assert.Equal(bobText, await ContentAsync(bobAgain));
        Assert.Equal(2, upstream.Requests.Count);

        var records = await host.FlushUsageAsync();
        Assert.Equal(["alice", "alice", "bob", "bob"], records.Select(r => r.UserId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RequestHeaders_TurnTheCacheOffOrRefreshIt_AndABadValueIsA400()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl));
        using var client = host.CreateClient();

        using var stored = await PostAsync(client, Body);
        using var off = await PostAsync(client, Body, ("x-switchboard-cache", "off"));
        using var noStore = await PostAsync(client, Body, ("Cache-Control", "no-store"));
        Assert.Equal("miss", CacheHeader(stored));
        Assert.Null(CacheHeader(off));
        Assert.Null(CacheHeader(noStore));
        Assert.Equal("Paris, answer 2.", await ContentAsync(off));
        Assert.Equal("Paris, answer 3.", await ContentAsync(noStore));

        // A refresh skips the lookup and stores the fresh answer, which the next request gets.
        using var refresh = await PostAsync(client, Body, ("Cache-Control", "no-cache"));
        Assert.Equal("refresh", CacheHeader(refresh));
        Assert.Equal("Paris, answer 4.", await ContentAsync(refresh));
        using var after = await PostAsync(client, Body);
        Assert.Equal("hit", CacheHeader(after));
        Assert.Equal("Paris, answer 4.", await ContentAsync(after));
        Assert.Equal(4, upstream.Requests.Count);

        foreach (var bad in new[] { ("x-switchboard-cache", "maybe"), ("x-switchboard-cache-ttl", "-5"), ("x-switchboard-cache-ttl", "99999999") })
        {
            using var rejected = await PostAsync(client, Body, bad);
            Assert.Equal(400, (int)rejected.StatusCode);
            using var error = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());
            Assert.Equal("invalid_cache_header", error.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        }

        Assert.Equal(4, upstream.Requests.Count);
        var records = await host.FlushUsageAsync();
        Assert.Equal(8, records.Count);
    }

    [Fact]
    public async Task KeyThatOptsIn_CachesOnAModelThatDoesNot_AndTheSettingShowsAndChanges()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl));
        using var caching = await KeyClientAsync(host, new { name = "caching", cache_ttl_seconds = 300 });
        using var ordinary = await KeyClientAsync(host, new { name = "ordinary" });

        using var first = await PostAsync(caching, With("plain"));
        using var second = await PostAsync(caching, With("plain"));
        Assert.Equal("miss", CacheHeader(first));
        Assert.Equal("hit", CacheHeader(second));

        // The other key belongs to the same (system) user: it does not opt in, so it neither reads nor writes the entry.
        using var other = await PostAsync(ordinary, With("plain"));
        Assert.Null(CacheHeader(other));
        Assert.Equal(2, upstream.Requests.Count);

        using var admin = host.CreateClient();
        var keys = JsonDocument.Parse(await admin.GetStringAsync("api/admin/keys")).RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Contains(keys, k => k.GetProperty("name").GetString() == "caching" && k.GetProperty("cache_ttl_seconds").GetInt32() == 300);
        using var badKey = await admin.PostAsync("api/admin/keys", new StringContent("""{"name":"bad","cache_ttl_seconds":0}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)badKey.StatusCode);
    }

    [Fact]
    public async Task ModelOptIn_IsSetAndClearedThroughTheCatalogApi()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl));
        using var client = host.CreateClient();

        using var patched = await client.PatchAsync("api/admin/catalog", new StringContent("""{"ids":["plain"],"cache_ttl_seconds":120}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());
        using var patchedBody = JsonDocument.Parse(await patched.Content.ReadAsStringAsync());
        Assert.Equal(120, patchedBody.RootElement.GetProperty("data")[0].GetProperty("cache_ttl_seconds").GetInt32());

        using var first = await PostAsync(client, With("plain"));
        using var second = await PostAsync(client, With("plain"));
        Assert.Equal("miss", CacheHeader(first));
        Assert.Equal("hit", CacheHeader(second));

        using var cleared = await client.PatchAsync("api/admin/catalog", new StringContent("""{"ids":["plain"],"cache_ttl_seconds":null}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(cleared.IsSuccessStatusCode, await cleared.Content.ReadAsStringAsync());
        using var third = await PostAsync(client, With("plain"));
        Assert.Null(CacheHeader(third));
        Assert.Equal(2, upstream.Requests.Count);

        using var bad = await client.PatchAsync("api/admin/catalog", new StringContent("""{"ids":["plain"],"cache_ttl_seconds":0}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)bad.StatusCode);
    }

    [Fact]
    public async Task ModelTest_AlwaysReachesTheUpstream_AndLeavesNothingCached()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl));
        using var client = host.CreateClient();

        for (var i = 1; i <= 2; i++)
        {
            using var test = await client.PostAsync("api/ai/model-test", new StringContent("""{"model":"cached"}""", System.Text.Encoding.UTF8, "application/json"));
            var text = await test.Content.ReadAsStringAsync();
            Assert.True(test.IsSuccessStatusCode, text);
            Assert.Null(CacheHeader(test));
            using var reply = JsonDocument.Parse(text);
            Assert.Equal($"Paris, answer {i}.", reply.RootElement.GetProperty("reply").GetString());
        }

        using var chat = await PostAsync(client, Body);
        Assert.Equal("miss", CacheHeader(chat));
        Assert.Equal(3, upstream.Requests.Count);
    }

    private static IEnumerable<string> Deltas(JsonElement chunk)
    {
        foreach (var choice in chunk.GetProperty("choices").EnumerateArray())
        {
            if (choice.GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            {
                yield return content.GetString()!;
            }
        }
    }
}
