namespace Switchboard.Abstractions.Providers;

/// <summary>Declares that a provider kind bills writes to its prompt cache above the input price, and by how much.</summary>
/// <remarks>
/// Implemented by the kinds whose vendor charges for cache writes (Anthropic); a kind without it bills cache writes as plain
/// input unless a platform model sets its own cache-write price. The engine only reads the multipliers, so vendor prices stay
/// with the providers. Implementations are immutable and thread-safe.
/// </remarks>
public interface ICacheWritePricing
{
    /// <summary>Gets the multiple of the input price billed per token written to a cache with the default (five-minute) lifetime.</summary>
    decimal CacheWriteMultiplier { get; }

    /// <summary>Gets the multiple of the input price billed per token written to a cache that lives one hour.</summary>
    decimal CacheWrite1HourMultiplier { get; }
}
