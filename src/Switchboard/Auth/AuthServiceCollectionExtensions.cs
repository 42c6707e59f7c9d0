using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchboard.Core.Auth;
using Switchboard.Core.Auth.Jwt;
using Switchboard.Core.Routing;
using Switchboard.Tenancy;

namespace Switchboard.Auth;

/// <summary>Registers how callers are recognised: virtual keys, the admin key and signed-in users' JWTs.</summary>
internal static class AuthServiceCollectionExtensions
{
    /// <summary>Adds <see cref="JwtSignInOptions"/>, the <see cref="JwtValidator"/> and the <see cref="ApiKeyAuthenticator"/>, which provisions a signed-in user on first sight.</summary>
    public static IServiceCollection AddKeyAuthentication(this IServiceCollection services)
    {
        services.AddOptions<JwtSignInOptions>();
        services.TryAddSingleton(sp => new JwtValidator(sp.GetRequiredService<IOptions<JwtSignInOptions>>()));
        services.TryAddSingleton(sp => new ApiKeyAuthenticator(
            sp.GetRequiredService<SnapshotHolder>(),
            sp.GetRequiredService<JwtValidator>(),
            (userId, tier) => sp.GetRequiredService<TenancyService>().ProvisionAsync(userId, tier, CancellationToken.None)));
        return services;
    }
}
