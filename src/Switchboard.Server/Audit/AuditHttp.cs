using System.Globalization;
using Switchboard.Core.Audit;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Auth;

using Switchboard.Server.Http;

namespace Switchboard.Server.Audit;

/// <summary>Records the change a request made in the audit log, in one call from the route that made it.</summary>
internal static class AuditHttp
{

    /// <summary>Records a change by this request's caller, after the change is stored; never fails the request.</summary>
    /// <param name="context">The request that made the change; its caller is the actor.</param>
    /// <param name="action">One of <see cref="AuditActions"/>.</param>
    /// <param name="targetType">One of <see cref="AuditTargets"/>.</param>
    /// <param name="target">The target's id or name (formatted invariantly).</param>
    /// <param name="before">The target before, or null when it did not exist; secrets are masked on the way in.</param>
    /// <param name="after">The target after, or null when it no longer exists.</param>
    /// <remarks>It does not take the request's abort token: a client that hangs up after the change must not erase its record.</remarks>
    public static Task AuditAsync(this HttpContext context, string action, string targetType, object target, object? before = null, object? after = null) =>
        context.AuditAsync([new AuditEvent(action, targetType, Convert.ToString(target, CultureInfo.InvariantCulture) ?? "", before, after)]);

    /// <summary>Records several changes of this request (one per model of a batch, say) in one write; never fails the request.</summary>
    public static Task AuditAsync(this HttpContext context, IReadOnlyList<AuditEvent> changes) =>
        context.RequestServices.GetRequiredService<AuditLog>().RecordAsync(GatewayAuthMiddleware.GetCaller(context), RequestId(context), changes);

    /// <summary>Gets the request id the answer carries in <c>X-Request-Id</c>, giving the request one when it has none yet.</summary>
    private static string RequestId(HttpContext context) => RequestIds.Assign(context);
}
