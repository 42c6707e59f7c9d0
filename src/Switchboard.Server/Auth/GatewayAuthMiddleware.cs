using Switchboard.Core.Auth;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Http;

namespace Switchboard.Server.Auth;

/// <summary>Authenticates every <c>/v1</c> and <c>/api</c> request by bearer key and keeps admin routes to admins.</summary>
internal sealed class GatewayAuthMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator)
{
    private static readonly object CallerKey = new();

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/v1") && !path.StartsWithSegments("/api"))
        {
            return next(context);
        }

        var caller = authenticator.Authenticate(context.Request.Headers.Authorization.ToString());
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return ErrorResponses.WriteAsync(context, GatewayErrors.Unauthorized());
        }

        if (IsAdminPath(path) && !caller.IsAdmin)
        {
            return ErrorResponses.WriteAsync(context, GatewayErrors.Forbidden("This route needs an admin key."));
        }

        context.Items[CallerKey] = caller;
        return next(context);
    }

    public static CallerIdentity GetCaller(HttpContext context) =>
        context.Items.TryGetValue(CallerKey, out var caller) && caller is CallerIdentity identity
            ? identity
            : throw new InvalidOperationException("The request was not authenticated.");

    private static bool IsAdminPath(PathString path) =>
        path.StartsWithSegments("/api/admin") || path.StartsWithSegments("/api/ai/admin") || path.StartsWithSegments("/api/v1/debug");
}
