using System.Globalization;

namespace Switchboard.Core.Caching;

/// <summary>Holds what a request's headers asked of the response cache, read once at the edge.</summary>
/// <param name="Directive">The directive.</param>
/// <param name="Ttl">The lifetime the request asked its answer be stored for, or null.</param>
/// <param name="Error">Why the headers could not be read, or null; the request is then refused with a 400.</param>
public readonly record struct CacheRequest(CacheDirective Directive, TimeSpan? Ttl, string? Error)
{
    /// <summary>The header that turns the cache on, off or to refresh for one request.</summary>
    public const string HeaderName = "x-switchboard-cache";

    /// <summary>The header that sets one request's entry lifetime, in whole seconds.</summary>
    public const string TtlHeaderName = "x-switchboard-cache-ttl";

    /// <summary>Gets the request of a caller that must reach the upstream whatever the model or key say (a model test).</summary>
    public static CacheRequest Bypass { get; } = new(CacheDirective.Off, null, null);

    /// <summary>Reads the cache headers: <see cref="HeaderName"/> (<c>on</c>, <c>off</c>, <c>refresh</c>), <see cref="TtlHeaderName"/> (seconds), and <c>Cache-Control</c> (<c>no-store</c> is off, <c>no-cache</c> is refresh).</summary>
    /// <param name="cache">The <see cref="HeaderName"/> value, or null.</param>
    /// <param name="ttl">The <see cref="TtlHeaderName"/> value, or null.</param>
    /// <param name="cacheControl">The <c>Cache-Control</c> value, or null.</param>
    public static CacheRequest Parse(string? cache, string? ttl, string? cacheControl)
    {
        var directive = CacheDirective.Default;
        if (!string.IsNullOrEmpty(cache))
        {
            switch (cache.Trim().ToLowerInvariant())
            {
                case "on":
                    directive = CacheDirective.On;
                    break;
                case "off":
                    directive = CacheDirective.Off;
                    break;
                case "refresh":
                    directive = CacheDirective.Refresh;
                    break;
                default:
                    return new(CacheDirective.Off, null, $"{HeaderName}: expected 'on', 'off' or 'refresh'.");
            }
        }
        else if (!string.IsNullOrEmpty(cacheControl))
        {
            // Only the two request directives whose meaning for a cache is plain; the others (max-age, …) are not ours to honour half-way.
            if (cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase))
            {
                directive = CacheDirective.Off;
            }
            else if (cacheControl.Contains("no-cache", StringComparison.OrdinalIgnoreCase))
            {
                directive = CacheDirective.Refresh;
            }
        }

        TimeSpan? lifetime = null;
        if (!string.IsNullOrEmpty(ttl))
        {
            if (!int.TryParse(ttl.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
            {
                return new(CacheDirective.Off, null, $"{TtlHeaderName}: expected a whole number of seconds, at least 1.");
            }

            lifetime = TimeSpan.FromSeconds(seconds);
        }

        return new(directive, lifetime, null);
    }
}
