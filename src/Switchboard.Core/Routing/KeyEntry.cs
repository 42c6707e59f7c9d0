using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Routing;

/// <summary>Holds one usable upstream key of a platform, unsealed, inside a routing snapshot.</summary>
/// <remarks>The secret lives only in memory; <see cref="ToString"/> shows the masked form.</remarks>
internal sealed class KeyEntry(long id, string secret, string masked, int weight, int priority)
{
    public long Id { get; } = id;

    public string Secret { get; } = secret;

    public string Masked { get; } = masked;

    public int Weight { get; } = weight;

    public int Priority { get; } = priority;

    /// <summary>Gets the key's consumption quota, or null.</summary>
    public KeyQuotaConfig? Quota { get; init; }

    /// <summary>Gets a fingerprint of this version of the key (of its sealed value, never of the secret), so state about a replaced key does not stick to its successor.</summary>
    public string? Fingerprint { get; init; }

    public override string ToString() => $"key {Id} ({Masked})";
}
