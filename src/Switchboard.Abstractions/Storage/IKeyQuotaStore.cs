using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Abstractions.Storage;

/// <summary>Stores upstream keys' quotas and counts their consumption per window, shared by every replica on the database.</summary>
/// <remarks>Consumption lives in the limit counters under the scope <c>upstream_key:&lt;id&gt;</c>; adding is one atomic upsert per key and window.</remarks>
public interface IKeyQuotaStore
{
    /// <summary>Adds consumption to each key's window and returns the windows' new totals, in the given order.</summary>
    Task<IReadOnlyList<KeyUsage>> AddKeyUsageAsync(IReadOnlyList<KeyUsage> usage, CancellationToken cancellationToken);

    /// <summary>Reads the totals of the given keys' windows; a window without consumption reads as zeros.</summary>
    Task<IReadOnlyList<KeyUsage>> GetKeyUsageAsync(IReadOnlyList<(long KeyId, DateTimeOffset WindowStart)> windows, CancellationToken cancellationToken);

    /// <summary>Sets or (with null) removes a key's quota; returns false when no such key exists.</summary>
    Task<bool> SetKeyQuotaAsync(long keyId, KeyQuotaConfig? quota, CancellationToken cancellationToken);
}
