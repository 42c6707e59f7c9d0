using Switchboard.Abstractions.Idempotency;

namespace Switchboard.Server.Idempotency;

/// <summary>Registers and wires idempotency keys: the settings, the purge of the shared key store, the middleware and the endpoint marker.</summary>
internal static class IdempotencyServiceCollectionExtensions
{
    /// <summary>Registers the settings from <c>Switchboard:Idempotency</c>, and the expired-key purge (the key store is the gateway database's, registered with the storage).</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IdempotencyOptions>(configuration.GetSection(IdempotencyOptions.SectionName));
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
