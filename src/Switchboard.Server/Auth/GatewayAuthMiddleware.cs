using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Switchboard.Core.Auth;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Http;

namespace Switchboard.Server.Auth;

/// <summary>Authenticates every <c>/v1</c>, <c>/v1beta</c> and <c>/api</c> request by key (in the header its protocol uses) or signed token, refuses disabled users, keeps admin routes to admins, and rate-limits failed attempts per client IP.</summary>
internal sealed class GatewayAuthMiddleware : IDisposable
{
    private static readonly object CallerKey = new();
    private readonly RequestDelegate _next;
    private readonly ApiKeyAuthenticator _authenticator;
    private readonly PartitionedRateLimiter<IPAddress>? _anonymousLimiter;

    public GatewayAuthMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator, IOptions<GatewayAuthOptions> options)
    {
        _next = next;
        _authenticator = authenticator;
        var perMinute = options.Value.UnauthenticatedRequestsPerMinute;
        if (perMinute > 0)
        {
            _anonymousLimiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(ip => RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
        }
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/v1") && !path.StartsWithSegments("/v1beta") && !path.StartsWithSegments("/api"))
        {
            await _next(context);
            return;
        }

        var caller = await _authenticator.AuthenticateAsync(ClientProtocolRoutes.Credential(context));
        if (caller is null)
        {
            if (_anonymousLimiter is not null)
            {
                using var lease = _anonymousLimiter.AttemptAcquire(context.Connection.RemoteIpAddress ?? IPAddress.None);
                if (!lease.IsAcquired)
                {
                    await ErrorResponses.WriteAsync(context, new GatewayError(429, "rate_limit_error", "too_many_unauthenticated_requests",
                        "Too many requests without valid credentials from this address. Wait a minute and send a valid key.") { RetryAfter = TimeSpan.FromSeconds(60) });
                    return;
                }
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ErrorResponses.WriteAsync(context, GatewayErrors.Unauthorized());
            return;
        }

        if (_authenticator.IsDisabled(caller))
        {
            await ErrorResponses.WriteAsync(context, GatewayErrors.UserDisabled());
            return;
        }

        if (IsAdminPath(path) && !caller.IsAdmin)
        {
            await ErrorResponses.WriteAsync(context, GatewayErrors.Forbidden("This route needs an admin key."));
            return;
        }

        context.Items[CallerKey] = caller;
        await _next(context);
    }

    public void Dispose() => _anonymousLimiter?.Dispose();

    public static CallerIdentity GetCaller(HttpContext context) =>
        context.Items.TryGetValue(CallerKey, out var caller) && caller is CallerIdentity identity
            ? identity
            : throw new InvalidOperationException("The request was not authenticated.");

    private static bool IsAdminPath(PathString path) =>
        path.StartsWithSegments("/api/admin") || path.StartsWithSegments("/api/ai/admin") || path.StartsWithSegments("/api/v1/debug");
}
