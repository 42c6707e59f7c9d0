using Switchboard.Core.Errors;

namespace Switchboard.Core.Caching;

/// <summary>Decides whether a request uses the response cache and for how long its answer lives: the one place the opt-ins meet.</summary>
/// <remarks>
/// A request uses the cache when its model or its virtual key opted in (a lifetime), or when it asked with
/// <c>x-switchboard-cache: on</c>; <c>off</c> (or <c>Cache-Control: no-store</c>) always wins. The lifetime is the
/// request's own <c>x-switchboard-cache-ttl</c>, else the key's, else the model's, else <see cref="ResponseCacheOptions.DefaultTtl"/>.
/// A refresh (<c>x-switchboard-cache: refresh</c>, <c>Cache-Control: no-cache</c>) does not opt in by itself.
/// </remarks>
internal static class CachePolicy
{
    /// <summary>Returns the lifetime of the request's entry, null when it does not use the cache, or the 400 its headers earn.</summary>
    public static (TimeSpan? Ttl, GatewayError? Error) Decide(ResponseCacheOptions options, TimeSpan? modelTtl, TimeSpan? keyTtl, CacheRequest request)
    {
        if (request.Error is { } message)
        {
            return (null, GatewayErrors.InvalidRequest(message, null, "invalid_cache_header"));
        }

        if (request.Ttl is { } asked && asked > options.MaxTtl)
        {
            return (null, GatewayErrors.InvalidRequest(
                $"{CacheRequest.TtlHeaderName}: at most {(long)options.MaxTtl.TotalSeconds} seconds.", null, "invalid_cache_header"));
        }

        if (!options.Enabled || request.Directive == CacheDirective.Off)
        {
            return (null, null);
        }

        var optedIn = request.Directive == CacheDirective.On || keyTtl is not null || modelTtl is not null;
        if (!optedIn)
        {
            return (null, null);
        }

        var ttl = request.Ttl ?? keyTtl ?? modelTtl ?? options.DefaultTtl;
        return (ttl > options.MaxTtl ? options.MaxTtl : ttl, null);
    }
}
