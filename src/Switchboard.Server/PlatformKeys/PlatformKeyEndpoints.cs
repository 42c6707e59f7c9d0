using Microsoft.AspNetCore.Mvc;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Audit;
using Switchboard.Core.Errors;
using Switchboard.Core.Routing;
using Switchboard.Server.Admin;
using Switchboard.Server.Audit;
using Switchboard.Server.Tenancy;

namespace Switchboard.Server.PlatformKeys;

/// <summary>Serves upstream keys to admins with their status (active, cooling, disabled, invalid), and clears an invalid mark.</summary>
/// <remarks>
/// A key the provider refused as invalid stays out of rotation, on every replica, until an admin revalidates it here or
/// replaces it (a replaced key is a new version and is used at once). Keys are shown masked only.
/// </remarks>
internal static class PlatformKeyEndpoints
{
    public static IEndpointRouteBuilder MapPlatformKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/platform-keys").WithTags("Admin: upstream keys");
        group.MapGet("/", ListAsync)
            .WithSummary("Lists upstream keys (server keys and users' own) with their status; filter with ?platform= and ?status=.")
            .Produces<DataList<PlatformKeyView>>();
        group.MapPost("/{id:long}/revalidate", RevalidateAsync)
            .WithSummary("Clears a key's invalid mark on every replica, so it is tried again.")
            .Produces<RevalidatedKeyView>();
        return routes;
    }

    private static async Task<IResult> ListAsync(
        ISwitchboardStore store, KeyStatusReader statuses, [FromQuery(Name = "platform")] string? platform, [FromQuery(Name = "status")] string? status, CancellationToken cancellationToken)
    {
        var data = await store.LoadAsync(cancellationToken);
        var names = data.Platforms.ToDictionary(p => p.Id, p => p.Name);
        var keys = data.Keys
            .Where(k => platform is null || string.Equals(names.GetValueOrDefault(k.PlatformId), platform, StringComparison.OrdinalIgnoreCase))
            .OrderBy(k => k.PlatformId).ThenBy(k => k.Priority).ThenBy(k => k.Id)
            .Select(k => View(k, names.GetValueOrDefault(k.PlatformId) ?? "", statuses.Read(k)))
            .Where(v => status is null || string.Equals(v.Status, status, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return TypedResults.Ok(new DataList<PlatformKeyView>(keys));
    }

    private static async Task<IResult> RevalidateAsync(long id, HttpContext context, ISwitchboardStore store, RoutingState states, KeyStatusReader statuses, CancellationToken cancellationToken)
    {
        var data = await store.LoadAsync(cancellationToken);
        if (data.Keys.FirstOrDefault(k => k.Id == id) is not { } key)
        {
            return AdminResults.Error(GatewayErrors.NotFound($"No upstream key with id {id}."));
        }

        var before = statuses.Read(key).Status;
        var wasInvalid = states.Revalidate(id);
        var platform = data.Platforms.FirstOrDefault(p => p.Id == key.PlatformId)?.Name ?? "";
        var view = View(key, platform, statuses.Read(key));
        await context.AuditAsync(AuditActions.PlatformKeyRevalidate, AuditTargets.PlatformKey, id, new { status = before }, new { status = view.Status });
        return TypedResults.Ok(new RevalidatedKeyView(wasInvalid, view));
    }

    private static PlatformKeyView View(ApiKeyConfig key, string platform, KeyStatusReport status) => new(
        key.Id,
        key.PlatformId,
        platform,
        key.OwnerUserId,
        key.Masked,
        key.Label,
        key.Weight,
        key.Priority,
        status.Status,
        status.Status == KeyStatuses.Cooling ? Math.Round(status.CooldownRemaining.TotalSeconds, 1) : null,
        status.Reason);
}
