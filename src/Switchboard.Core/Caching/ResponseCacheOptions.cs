namespace Switchboard.Core.Caching;

/// <summary>Holds the response cache's settings, bound from the <c>Switchboard:Cache</c> configuration section.</summary>
public sealed class ResponseCacheOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchboard:Cache";

    /// <summary>Gets or sets a value indicating whether the cache may serve or store anything; false turns every opt-in off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the lifetime of an entry a request asked for with <c>x-switchboard-cache: on</c> alone, when neither its model nor its key set one.</summary>
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the longest lifetime a model, a key or a request may ask for.</summary>
    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets the largest answer stored, in bytes of its canonical JSON; a larger one is served but not stored.</summary>
    public int MaxEntryBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the bound of the in-process cache, in bytes of stored answers; the least recently used give way.</summary>
    public long MaxMemoryBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Gets or sets the Redis connection string of the shared second level, or null for the in-process cache alone.</summary>
    /// <remarks>The server also reads <c>ConnectionStrings:Redis</c> (<c>ConnectionStrings__Redis</c>).</remarks>
    public string? RedisConnectionString { get; set; }

    /// <summary>Gets or sets the longest a request waits on Redis for one read or write; a slower Redis counts as down.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets how long Redis is skipped after it failed or timed out, before the next request tries it again.</summary>
    public TimeSpan RedisRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
