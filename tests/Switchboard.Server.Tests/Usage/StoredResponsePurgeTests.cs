using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Responses;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Usage;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Usage;

/// <summary>Checks that the gateway's periodic usage maintenance also deletes stored Responses API responses past their expiry.</summary>
public sealed class StoredResponsePurgeTests
{
    [Fact]
    public async Task UsageMaintenance_RunOnce_DeletesExpiredStoredResponses_AndKeepsLiveOnes()
    {
        await using var host = await GatewayHost.StartAsync();
        var responses = host.Services.GetRequiredService<IResponseStore>();
        var now = DateTimeOffset.UtcNow;
        await responses.SaveAsync(Response("resp_expired", now.AddDays(-31), now.AddMinutes(-1)), CancellationToken.None);
        await responses.SaveAsync(Response("resp_live", now.AddDays(-1), now.AddDays(29)), CancellationToken.None);

        await host.Services.GetRequiredService<UsageMaintenanceService>().RunOnceAsync(CancellationToken.None);

        // Nothing expired is left for a second purge: the maintenance run deleted it.
        Assert.Equal(0, await responses.PurgeExpiredAsync(now, CancellationToken.None));
        Assert.NotNull(await responses.GetAsync("resp_live", "owner", CancellationToken.None));
    }

    private static StoredResponse Response(string id, DateTimeOffset created, DateTimeOffset expires) => new()
    {
        Id = id,
        Owner = "owner",
        Model = "demo",
        CreatedAt = created,
        ExpiresAt = expires,
        InputJson = "[{\"role\":\"user\",\"content\":\"Hello\"}]",
        ResponseJson = $"{{\"id\":\"{id}\",\"object\":\"response\"}}",
    };
}
