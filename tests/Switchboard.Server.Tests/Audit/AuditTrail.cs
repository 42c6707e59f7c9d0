using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Audit;
using Switchboard.Abstractions.Storage;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Audit;

/// <summary>Reads a gateway's audit log straight from its store and hands out the entries added since the last look.</summary>
internal sealed class AuditTrail(GatewayHost host)
{
    private long _seen;

    public IAuditStore Store => host.Services.GetRequiredService<IAuditStore>();

    public async Task<IReadOnlyList<AuditEntry>> AllAsync() =>
        [.. (await Store.QueryAuditAsync(new AuditQuery { Limit = AuditQuery.MaxLimit }, CancellationToken.None)).OrderBy(e => e.Id)];

    /// <summary>Returns the entries written since the last call, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> NewAsync()
    {
        var fresh = (await AllAsync()).Where(e => e.Id > _seen).ToList();
        if (fresh.Count > 0)
        {
            _seen = fresh[^1].Id;
        }

        return fresh;
    }

    /// <summary>Asserts that exactly one entry was written since the last look, with this actor, action and target, and returns it.</summary>
    public async Task<AuditEntry> OneAsync(string actor, string action, string targetType, object target)
    {
        var fresh = await NewAsync();
        var entry = Assert.Single(fresh);
        Assert.Equal(
            (actor, action, targetType, Convert.ToString(target, System.Globalization.CultureInfo.InvariantCulture)),
            (entry.Actor, entry.Action, entry.TargetType, entry.Target));
        Assert.False(string.IsNullOrEmpty(entry.RequestId));
        Assert.True(entry.Timestamp > DateTimeOffset.UtcNow.AddMinutes(-5) && entry.Timestamp <= DateTimeOffset.UtcNow.AddSeconds(5));
        return entry;
    }

    public static JsonElement Json(string? text)
    {
        Assert.NotNull(text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
