using System.Net.Http.Json;
using Switchboard.Server.Tests.Caching;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>A client library the configuration does not ask for is never loaded: its code and metadata cost no memory.</summary>
public sealed class OptionalClientsTests
{
    [LinuxFact]
    public async Task RedisClient_IsLoadedOnlyWhenARedisConnectionStringIsSet()
    {
        Assert.False(await MapsRedisClientAsync(redis: null));

        // The control: with a connection string (a port where nothing listens) the same check finds the client mapped.
        Assert.True(await MapsRedisClientAsync(redis: $"127.0.0.1:{RedisServer.FreePort()}"));
    }

    /// <summary>Starts the server, sends it a chat through the response cache's path, and returns whether the Redis client's assembly is mapped.</summary>
    private static async Task<bool> MapsRedisClientAsync(string? redis)
    {
        await using var gateway = await GatewayProcess.StartOwnAsync(environment: new Dictionary<string, string?> { ["ConnectionStrings__Redis"] = redis });
        using var client = gateway.CreateClient();
        using var answer = await client.PostAsJsonAsync("v1/chat/completions", new { model = "demo", messages = new[] { new { role = "user", content = "hi" } } });
        Assert.True(answer.IsSuccessStatusCode, $"demo chat: {(int)answer.StatusCode}");

        return await gateway.MapsAsync("/StackExchange.Redis.dll");
    }
}
