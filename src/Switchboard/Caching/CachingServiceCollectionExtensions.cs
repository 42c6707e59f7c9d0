using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Switchboard.Core.Caching;

namespace Switchboard.Caching;

/// <summary>Registers the response cache: its settings, the in-process level, Redis as the shared level when a connection string is set, and <see cref="ResponseCache"/>.</summary>
internal static class CachingServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ResponseCacheOptions"/>, a size-bounded <see cref="HybridCache"/> over a <see cref="GuardedDistributedCache"/> and <see cref="ResponseCache"/>.</summary>
    public static IServiceCollection AddResponseCache(this IServiceCollection services)
    {
        services.AddOptions<ResponseCacheOptions>();

        // The in-process level is bounded in bytes: every entry is sized by HybridCache, so the least recently used give way.
        services.AddMemoryCache();
        services.AddOptions<MemoryCacheOptions>().Configure<IOptions<ResponseCacheOptions>>((memory, cache) => memory.SizeLimit = cache.Value.MaxMemoryBytes);
        services.AddHybridCache().AddSerializer<CachedAnswer, CachedAnswerSerializer>();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<ResponseCacheOptions>>((hybrid, cache) =>
        {
            // The payload also carries the usage header; the answer bound itself is ResponseCacheOptions.MaxEntryBytes.
            hybrid.MaximumPayloadBytes = cache.Value.MaxEntryBytes + 4096;
            hybrid.MaximumKeyLength = 128;
        });

        // HybridCache takes its shared level from the container: always the guard, over Redis when one is configured.
        services.TryAddSingleton<GuardedDistributedCache>(sp => new GuardedDistributedCache(
            Redis(sp.GetRequiredService<IOptions<ResponseCacheOptions>>().Value),
            sp.GetRequiredService<IOptions<ResponseCacheOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GuardedDistributedCache>>()));
        services.TryAddSingleton<IDistributedCache>(sp => sp.GetRequiredService<GuardedDistributedCache>());
        services.TryAddSingleton<ResponseCache>();
        services.AddHostedService<SharedCacheWarmUp>();
        return services;
    }

    /// <summary>Returns the Redis level for the configured connection string, or null when none is set.</summary>
    private static IDistributedCache? Redis(ResponseCacheOptions options) =>
        string.IsNullOrWhiteSpace(options.RedisConnectionString) ? null : ConnectRedis(options.RedisConnectionString, options.RedisTimeout);

    /// <summary>Creates the Redis level; it connects on first use and never aborts on a failed connect.</summary>
    /// <remarks>
    /// A method of its own, never inlined, so that a gateway without Redis never loads the Redis client's assemblies: the
    /// JIT resolves the types a method names when it compiles the method, or a call to it. Only this body names them; its
    /// signature names the interface.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [SuppressMessage("Performance", "CA1859:Use concrete types when possible", Justification = "The concrete type in the signature would load the Redis client's assembly in every gateway.")]
    private static IDistributedCache ConnectRedis(string connectionString, TimeSpan commandTimeout)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        var timeout = (int)Math.Max(1, commandTimeout.TotalMilliseconds);

        // A Redis that is down must cost a request at most the guard's timeout: no blocking connect, short command timeouts.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = timeout;
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.ConnectRetry = 1;
        return new RedisCache(Options.Create(new RedisCacheOptions { ConfigurationOptions = configuration }));
    }
}
