namespace Switchboard.Core.Caching;

/// <summary>Holds one request's cache decision: the entry's key and lifetime, and whether to look it up and to store the answer.</summary>
/// <param name="Key">The entry key: a SHA-256 of the tenant and the canonical request, never the request itself.</param>
/// <param name="Ttl">How long a stored answer lives.</param>
/// <param name="Lookup">Whether the request may be served from the cache (false for a refresh).</param>
internal sealed record CacheTicket(string Key, TimeSpan Ttl, bool Lookup);
