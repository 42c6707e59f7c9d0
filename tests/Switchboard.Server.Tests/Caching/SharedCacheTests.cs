using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Switchboard.Core.Caching;
using Switchboard.Abstractions.Usage;
using Switchboard.Server.Tests.Infrastructure;
using static Switchboard.Server.Tests.Caching.CacheTestGateway;

namespace Switchboard.Server.Tests.Caching;

/// <summary>Redis as the cache's shared level: a real <c>redis-server</c> shared by two gateways, and a Redis that is down or hangs.</summary>
public sealed class SharedCacheTests
{
    [RedisFact]
    public async Task AnswerStoredByOneGateway_IsAHitOnAnotherSharingRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var upstream = await StartUpstreamAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString };
        await using var first = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl), settings: settings);
        await using var second = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl), settings: settings);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        await WaitUntilAsync(() => first.Services.GetRequiredService<GuardedDistributedCache>().IsReady && second.Services.GetRequiredService<GuardedDistributedCache>().IsReady, "The gateways never reached Redis.");

        using var miss = await PostAsync(firstClient, Body);
        Assert.Equal("miss", CacheHeader(miss));
        var text = await ContentAsync(miss);

        // The shared write runs after the answer is sent: wait until Redis holds it, then ask the other gateway.
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var server = connection.GetServer(connection.GetEndPoints()[0]);
            await WaitUntilAsync(
                () => server.Keys(pattern: "*sb:cache:v1:*").Any(),
                "The answer never reached Redis: " + string.Join("\n", first.Logs.Lines.Where(l => l.Contains("cache", StringComparison.OrdinalIgnoreCase))));
        }

        using var hit = await PostAsync(secondClient, Body);
        Assert.Equal("hit", CacheHeader(hit));
        Assert.Equal(text, await ContentAsync(hit));
        Assert.Single(upstream.Requests);

        var hitRecord = Assert.Single(await second.FlushUsageAsync());
        Assert.Equal(UsageSource.Cached, hitRecord.UsageSource);
        Assert.Equal(0m, hitRecord.ProviderCost);
    }

    [Fact]
    public async Task RedisThatRefusesConnections_IsSkipped()
    {
        await using var upstream = await StartUpstreamAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = $"127.0.0.1:{RedisServer.FreePort()}" };
        await using var host = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl), settings: settings);
        await AssertServedWithoutRedisAsync(host, upstream);
    }

    [Fact]
    public async Task RedisThatAcceptsButNeverAnswers_CostsARequestABoundedWait()
    {
        // A black hole: it accepts connections and never says a word, the worst case for a client that waits.
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start(backlog: 64);
        var held = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                held.Add(await blackHole.AcceptTcpClientAsync(stop.Token));
            }
        });
        await using var upstream = await StartUpstreamAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}",
            ["Switchboard:Cache:RedisTimeout"] = "00:00:00.300",
        };
        await using (var host = await GatewayHost.StartAsync(Yaml(upstream.BaseUrl), settings: settings))
        {
            await AssertServedWithoutRedisAsync(host, upstream);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);
        held.ForEach(c => c.Dispose());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), failure);
            await Task.Delay(50);
        }
    }

    /// <summary>Asserts that requests succeed, each well inside the client's timeout, and that the in-process level still serves hits.</summary>
    private static async Task AssertServedWithoutRedisAsync(GatewayHost host, Testing.FakeUpstream upstream)
    {
        using var client = host.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15);
        var slowest = TimeSpan.Zero;
        var results = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            var started = Stopwatch.StartNew();
            using var response = await PostAsync(client, Body);
            Assert.Equal("Paris, answer 1.", await ContentAsync(response));
            results.Add(CacheHeader(response));
            slowest = started.Elapsed > slowest ? started.Elapsed : slowest;
        }

        Assert.Equal(["miss", "hit", "hit", "hit"], results);
        Assert.Single(upstream.Requests);
        Assert.True(slowest < TimeSpan.FromSeconds(10), $"A request waited {slowest} on a Redis that is down.");
        Assert.DoesNotContain(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, l => l.Contains("shared response cache", StringComparison.Ordinal));
        Assert.Equal(4, (await host.FlushUsageAsync()).Count);
    }
}
