using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Limits;
using Switchboard.Core.Tenancy;

namespace Switchboard.Limits;

/// <summary>Registers budgets and rate limits: the gate every request passes the keeper of this process's reservations and the writer of its slices.</summary>
internal static class LimitServiceCollectionExtensions
{
    /// <summary>Adds <see cref="LimitGate"/> over the limit store and <see cref="LimitHoldKeeper"/> and <see cref="LimitLeaseKeeper"/> as hosted services.</summary>
    public static IServiceCollection AddLimits(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new LimitGate(
            sp.GetService<ILimitStore>(), sp.GetRequiredService<IOptions<TenancyOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LimitGate>>(),
            sp.GetRequiredService<IOptions<LimitOptions>>()));
        services.TryAddSingleton(sp => new LimitHoldKeeper(
            sp.GetRequiredService<LimitGate>(), sp.GetRequiredService<IOptions<LimitOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LimitHoldKeeper>>()));
        services.AddHostedService(sp => sp.GetRequiredService<LimitHoldKeeper>());
        services.AddHostedService(sp => new LimitLeaseKeeper(sp.GetRequiredService<LimitGate>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LimitLeaseKeeper>>()));
        return services;
    }
}
