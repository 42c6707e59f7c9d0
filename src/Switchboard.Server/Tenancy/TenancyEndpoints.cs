namespace Switchboard.Server.Tenancy;

/// <summary>Maps every tenancy route: the classic <c>/api/ai/*</c> routes and the admin REST API for users, tiers and tenancy settings.</summary>
/// <remarks>Admin-only paths (<c>/api/admin</c>, <c>/api/ai/admin</c>) are guarded by <see cref="Auth.GatewayAuthMiddleware"/>, not here.</remarks>
internal static class TenancyEndpoints
{
    internal static IEndpointRouteBuilder MapTenancyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapClassicSelectionEndpoints();
        routes.MapClassicPlatformEndpoints();
        routes.MapClassicSysPlatformEndpoints();
        routes.MapUserAdminEndpoints();
        routes.MapTenancyAdminEndpoints();
        return routes;
    }
}
