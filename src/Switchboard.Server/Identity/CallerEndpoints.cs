using Switchboard.Abstractions.Storage;
using Switchboard.Core.Limits;
using Switchboard.Server.Admin;
using Switchboard.Server.Auth;
using Switchboard.Server.Budgets;
using Switchboard.Server.Tenancy;
using Switchboard.Tenancy;

namespace Switchboard.Server.Identity;

/// <summary>Tells any caller who they are, for the console's user pages and for scripts: role, the key used, its limits and spend against budget.</summary>
/// <remarks>The admin key and signed tokens have no virtual key (<c>key</c> is null); a user without a stored record has <c>user</c> null.</remarks>
internal static class CallerEndpoints
{
    public static IEndpointRouteBuilder MapCallerEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/status/me", MeAsync)
            .WithTags("Status")
            .WithName("GetCaller")
            .WithSummary("Shows the caller: user id, role, whether it is an admin, the tenancy mode, the virtual key used (masked, with its allowlist, limits and spend against budget) and the user's record (tier, status, limits and spend; a user's budget counts in the multi-user modes).")
            .Produces<CallerView>();
        return routes;
    }

    private static async Task<IResult> MeAsync(HttpContext context, TenancyService tenancy, ILimitStore limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        var now = time.GetUtcNow();
        VirtualKeyEndpoints.VirtualKeyView? key = null;
        if (caller.VirtualKeyId is { } keyId && tenancy.GetVirtualKey(keyId) is { } record)
        {
            var spend = await BudgetSpendReader.ReadOneAsync(limits, LimitScopes.Key(keyId), record.Limits, now, cancellationToken);
            key = VirtualKeyEndpoints.VirtualKeyView.From(record) with { Spend = spend };
        }

        UserView? user = null;
        if (tenancy.GetUser(caller.UserId) is { } stored)
        {
            // A user's budget counts only in the multi-user modes (the limit gate skips it otherwise), so only there has it a spend.
            var spend = tenancy.IsMultiUser
                ? await BudgetSpendReader.ReadOneAsync(limits, LimitScopes.User(stored.Id), stored.Limits, now, cancellationToken)
                : null;
            user = UserView.From(stored) with { Spend = spend };
        }

        return TypedResults.Ok(new CallerView(caller.UserId, caller.Role, caller.IsAdmin, tenancy.Mode, key, user));
    }
}
