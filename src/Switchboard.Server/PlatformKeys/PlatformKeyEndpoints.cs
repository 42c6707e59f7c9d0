using Microsoft.AspNetCore.Mvc;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Audit;
using Switchboard.Core.Errors;
using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Quotas;
using Switchboard.PlatformKeys;
using Switchboard.Server.Admin;
using Switchboard.Server.Audit;
using Switchboard.Server.Http;
using Switchboard.Server.KeyQuotas;
using Switchboard.Server.Tenancy;

namespace Switchboard.Server.PlatformKeys;

/// <summary>Serves upstream keys to admins with their status (active, cooling, disabled, invalid), and changes them: disable or enable, reweigh, rotate the secret, remove, clear an invalid mark.</summary>
/// <remarks>
/// A key the provider refused as invalid stays out of rotation, on every replica, until an admin revalidates it here or
/// rotates it (a rotated key is a new version and is used at once). Keys are shown masked only; a new secret goes in
/// and never comes back out. Server keys are added with <c>POST /api/ai/admin/sys-platform/api-key</c>.
/// </remarks>
internal static class PlatformKeyEndpoints
{
    public static IEndpointRouteBuilder MapPlatformKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/platform-keys").WithTags("Admin: upstream keys");
        group.MapGet("/", ListAsync)
            .WithSummary("Lists upstream keys (server keys and users' own) with status, health and quota use; filter with ?platform=, ?status= and ?owner= (a user id, or -1 for server keys).")
            .Produces<DataList<PlatformKeyView>>();
        group.MapPatch("/{id:long}", UpdateAsync)
            .WithSummary("Changes a key's status ('active' or 'disabled'), weight (1-1000), priority (-1000 to 1000, lower first) or label; absent fields keep their value.")
            .Accepts<PlatformKeyPatchRequest>("application/json")
            .Produces<PlatformKeyView>();
        group.MapPost("/{id:long}/rotate", RotateAsync)
            .WithSummary("Replaces a key's secret in place ({\"api_key\": \"...\"}): id, weight, priority, label and quota stay, an invalid mark is cleared, the old secret is never sent again.")
            .Accepts<PlatformKeyRotateRequest>("application/json")
            .Produces<PlatformKeyView>();
        group.MapDelete("/{id:long}", RemoveAsync)
            .WithSummary("Removes a key from its pool and from storage.")
            .Produces<RemovedKeyView>();
        group.MapPost("/{id:long}/revalidate", RevalidateAsync)
            .WithSummary("Clears a key's invalid mark on every replica, so it is tried again.")
            .Produces<RevalidatedKeyView>();
        return routes;
    }

    private static async Task<IResult> ListAsync(
        ISwitchboardStore store,
        KeyStatusReader statuses,
        RoutingState states,
        KeyQuotaService quotas,
        [FromQuery(Name = "platform")] string? platform,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "owner")] string? owner,
        CancellationToken cancellationToken)
    {
        var data = await store.LoadAsync(cancellationToken);
        var names = data.Platforms.ToDictionary(p => p.Id, p => p.Name);
        var keys = data.Keys
            .Where(k => platform is null || string.Equals(names.GetValueOrDefault(k.PlatformId), platform, StringComparison.OrdinalIgnoreCase))
            .Where(k => string.IsNullOrEmpty(owner) || string.Equals(k.OwnerUserId, owner, StringComparison.Ordinal))
            .OrderBy(k => k.PlatformId).ThenBy(k => k.Priority).ThenBy(k => k.Id)
            .Select(k => View(k, names.GetValueOrDefault(k.PlatformId) ?? "", statuses, states, quotas))
            .Where(v => status is null || string.Equals(v.Status, status, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return TypedResults.Ok(new DataList<PlatformKeyView>(keys));
    }

    private static async Task<IResult> UpdateAsync(
        long id, HttpContext context, PlatformKeyService service, KeyStatusReader statuses, RoutingState states, KeyQuotaService quotas, CancellationToken cancellationToken)
    {
        var (request, root, error) = await JsonRequest.ReadAsync<PlatformKeyPatchRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        ApiKeyStatus? status = request!.Status?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "active" => ApiKeyStatus.Active,
            "disabled" => ApiKeyStatus.Disabled,
            _ => (ApiKeyStatus?)(-1),
        };
        if (status is { } given && !Enum.IsDefined(given))
        {
            return AdminResults.Error(JsonRequest.Invalid("status", "'status' must be 'active' or 'disabled'."));
        }

        var update = new PlatformKeyUpdate
        {
            Status = status,
            Weight = request.Weight,
            Priority = request.Priority,
            ChangesLabel = JsonRequest.Has(root, "label"),
            Label = request.Label,
        };
        var result = await service.UpdateAsync(id, update, cancellationToken);
        return await AnswerAsync(context, AuditActions.PlatformKeyUpdate, result, statuses, states, quotas);
    }

    private static async Task<IResult> RotateAsync(
        long id, HttpContext context, PlatformKeyService service, KeyStatusReader statuses, RoutingState states, KeyQuotaService quotas, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<PlatformKeyRotateRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var result = await service.RotateAsync(id, request!.ApiKey, cancellationToken);
        return await AnswerAsync(context, AuditActions.PlatformKeyRotate, result, statuses, states, quotas);
    }

    private static async Task<IResult> RemoveAsync(
        long id, HttpContext context, PlatformKeyService service, KeyStatusReader statuses, RoutingState states, KeyQuotaService quotas, CancellationToken cancellationToken)
    {
        var result = await service.RemoveAsync(id, cancellationToken);
        if (result.Error is not null)
        {
            return AdminResults.Error(result.Error);
        }

        var before = result.Before!;
        await context.AuditAsync(AuditActions.PlatformKeyDelete, AuditTargets.PlatformKey, id, AuditSnapshots.Key(before));
        return TypedResults.Ok(new RemovedKeyView(true, View(before, result.Platform, statuses, states, quotas)));
    }

    private static async Task<IResult> RevalidateAsync(
        long id, HttpContext context, ISwitchboardStore store, RoutingState states, KeyStatusReader statuses, KeyQuotaService quotas, CancellationToken cancellationToken)
    {
        var data = await store.LoadAsync(cancellationToken);
        if (data.Keys.FirstOrDefault(k => k.Id == id) is not { } key)
        {
            return AdminResults.Error(GatewayErrors.NotFound($"No upstream key with id {id}."));
        }

        var before = statuses.Read(key).Status;
        var wasInvalid = states.Revalidate(id);
        var platform = data.Platforms.FirstOrDefault(p => p.Id == key.PlatformId)?.Name ?? "";
        var view = View(key, platform, statuses, states, quotas);
        await context.AuditAsync(AuditActions.PlatformKeyRevalidate, AuditTargets.PlatformKey, id, new KeyStatusSnapshot(before), new KeyStatusSnapshot(view.Status));
        return TypedResults.Ok(new RevalidatedKeyView(wasInvalid, view));
    }

    /// <summary>Records a change that stored something and answers with the key as it is now; a refused change records nothing.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext context, string action, PlatformKeyOutcome result, KeyStatusReader statuses, RoutingState states, KeyQuotaService quotas)
    {
        if (result.Error is not null)
        {
            return AdminResults.Error(result.Error);
        }

        var after = result.After!;
        await context.AuditAsync(action, AuditTargets.PlatformKey, after.Id, AuditSnapshots.Key(result.Before!), AuditSnapshots.Key(after));
        return TypedResults.Ok(View(after, result.Platform, statuses, states, quotas));
    }

    private static PlatformKeyView View(ApiKeyConfig key, string platform, KeyStatusReader statuses, RoutingState states, KeyQuotaService quotas)
    {
        var status = statuses.Read(key);
        var cooling = status.Status == KeyStatuses.Cooling;
        return new PlatformKeyView(
            key.Id,
            key.PlatformId,
            platform,
            key.OwnerUserId,
            key.Masked,
            key.Label,
            key.Weight,
            key.Priority,
            status.Status,
            cooling ? Math.Round(status.CooldownRemaining.TotalSeconds, 1) : null,
            cooling ? states.Time.GetUtcNow() + status.CooldownRemaining : null,
            status.Reason,
            Math.Round(states.Get(key.Id).Stats.SuccessRate, 4),
            KeyQuotaLimitsView.From(key.Quota),
            key.Quota is { Any: true } ? KeyQuotaUsageView.From(quotas.Describe(key.Id)) : null);
    }
}
