using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Abstractions.Idempotency;
using Switchboard.Storage;
using Switchboard.Storage.Idempotency;

namespace Switchboard.Server.Idempotency;

/// <summary>Registers and wires idempotency keys: the settings, the shared key store, its purge, the middleware and the endpoint marker.</summary>
internal static class IdempotencyServiceCollectionExtensions
{
    /// <summary>Registers the settings from <c>Switchboard:Idempotency</c>, the key store on the gateway's database and the expired-key purge.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IdempotencyOptions>(configuration.GetSection(IdempotencyOptions.SectionName));
        services.TryAddSingleton<IIdempotencyStore>(sp => new IdempotencyStore(sp.GetRequiredService<SwitchboardDatabase>()));
        services.AddSingleton<IdempotencyMaintenanceService>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencyMaintenanceService>());
        return services;
    }

    /// <summary>Adds the middleware that honours <c>Idempotency-Key</c> on marked endpoints; call it after authentication.</summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();

    /// <summary>Marks an endpoint whose non-streaming requests honour <c>Idempotency-Key</c>; <paramref name="endpoint"/> names it in usage records.</summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder, string endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotentEndpoint(endpoint));
}
