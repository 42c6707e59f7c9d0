using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Audit;
using Switchboard.Core.Errors;
using Switchboard.Core.Limits;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Tenancy;
using Switchboard.Server.Admin;
using Switchboard.Server.Audit;
using Switchboard.Server.Budgets;
using Switchboard.Tenancy;

using Switchboard.Server.Http;

namespace Switchboard.Server.Tenancy;

/// <summary>Serves the admin REST routes for users: role, tier, status, limits, their usage slots and the slots' repair history.</summary>
internal static class UserAdminEndpoints
{
    public static IEndpointRouteBuilder MapUserAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/users").WithTags("Admin: users");
        group.MapGet("/", async (TenancyService tenancy, ILimitStore limits, TimeProvider time, CancellationToken cancellationToken) =>
            {
                // Users' budgets count only in the multi-user modes (the limit gate skips them otherwise), so only there have they a spend.
                if (!tenancy.IsMultiUser)
                {
                    return TypedResults.Ok(new DataList<UserView>([.. tenancy.ListUsers().Select(UserView.From)]));
                }

                var spend = await BudgetSpendReader.ReadAsync(limits, LimitScopes.UserPrefix, time.GetUtcNow(), cancellationToken);
                return TypedResults.Ok(new DataList<UserView>([.. tenancy.ListUsers().Select(u => UserView.From(u) with { Spend = spend.Spend(LimitScopes.User(u.Id), u.Limits) })]));
            })
            .WithSummary("Lists users, each with a budget showing its spend in the current window (spend: spent, reserved, remaining, used_percent, window_start, window_end).")
            .Produces<DataList<UserView>>();
        group.MapGet("/{id}", (string id, TenancyService tenancy) =>
                tenancy.GetUser(id) is { } user ? Results.Ok(UserView.From(user)) : AdminResults.Error(UserNotFound(id)))
            .WithSummary("Gets a user.")
            .Produces<UserView>();
        group.MapPut("/{id}", UpsertAsync)
            .WithSummary("Creates (201) or updates (200) a user; absent fields keep their value and a limit set to null is removed.")
            .Accepts<UserUpsertRequest>("application/json")
            .Produces<UserView>()
            .Produces<UserView>(StatusCodes.Status201Created);
        group.MapDelete("/{id}", DeleteAsync)
            .WithSummary("Deletes a user with their slots, own keys, private platforms and virtual keys.");
        group.MapGet("/{id}/slots", ListSlotsAsync)
            .WithSummary("Lists a user's usage slots as they resolve now (a slot whose model went away is repaired on the way).")
            .Produces<DataList<UsageSelectionView>>();
        group.MapPut("/{id}/slots/{slot}", SetSlotAsync)
            .WithSummary("Binds (or creates) a user's usage slot: {model} or {platform_id, model_id}; the user's tier rule must allow the model.")
            .Accepts<SlotSetRequest>("application/json")
            .Produces<UsageSelectionView>();
        group.MapDelete("/{id}/slots/{slot}", DeleteSlotAsync)
            .WithSummary("Deletes a user's named usage slot (built-in slots stay).");
        group.MapGet("/{id}/slot-repairs", async (string id, TenancyService tenancy, CancellationToken cancellationToken) =>
                TypedResults.Ok(new DataList<SlotRepairView>([.. (await tenancy.ListRepairsAsync(id, cancellationToken)).Select(SlotRepairView.From)])))
            .WithSummary("Lists the automatic repairs of a user's slots, newest first.");
        group.MapGet("/{id}/platform-keys", (string id, TenancyService tenancy) => tenancy.GetUser(id) is null
                ? AdminResults.Error(UserNotFound(id))
                : TypedResults.Ok(new DataList<OwnKeyView>(tenancy.ListOwnKeys(id))))
            .WithSummary("Lists the upstream keys a user brought (own keys for system platforms, keys of private platforms), masked.")
            .Produces<DataList<OwnKeyView>>();
        group.MapGet("/{id}/platforms", (string id, TenancyService tenancy) => tenancy.GetUser(id) is null
                ? AdminResults.Error(UserNotFound(id))
                : TypedResults.Ok(new DataList<PlatformView>([.. tenancy.ListPrivatePlatforms(id).Select(p => PlatformChanges.View(p.Platform,
                    [.. p.Models.Select(m => new ModelView(m.Id, m.PlatformId, m.DisplayName, m.UpstreamModel, m.Type))]))])))
            .WithSummary("Lists a user's private platforms (multi-custom mode) with their models; never a key.")
            .Produces<DataList<PlatformView>>();
        return routes;
    }

    private static async Task<IResult> UpsertAsync(string id, HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        var (request, root, error) = await JsonRequest.ReadAsync<UserUpsertRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var existing = tenancy.GetUser(id);
        if (existing is null && !SystemUser.IsAcceptableUserId(id))
        {
            return AdminResults.Error(GatewayErrors.InvalidRequest(
                $"A user id must be 1-{SystemUser.MaxUserIdLength} characters without control characters or surrounding spaces, and not '{SystemUser.Id}' or '{SystemUser.AdminActor}', which the gateway reserves.",
                "id", "invalid_value"));
        }

        var user = existing ?? new UserRecord { Id = id };
        if (request!.Role is { } role)
        {
            user = user with { Role = role.Trim().ToLowerInvariant() };
        }

        if (request.Tier is { } tier)
        {
            var normalized = tier.Trim().ToLowerInvariant();
            if (normalized.Length is 0 or > 64 || !UsageSlots.IsValidKey(normalized))
            {
                return AdminResults.Error(JsonRequest.Invalid("tier", "'tier' must be 1-64 letters, digits, '-', '_' or '.'."));
            }

            user = user with { Tier = normalized };
        }

        if (request.Status is { } status)
        {
            UserStatus? parsed = status.Trim().ToLowerInvariant() switch
            {
                "active" => UserStatus.Active,
                "disabled" => UserStatus.Disabled,
                _ => null,
            };
            if (parsed is null)
            {
                return AdminResults.Error(JsonRequest.Invalid("status", "'status' must be 'active' or 'disabled'."));
            }

            user = user with { Status = parsed.Value };
        }

        if (JsonRequest.Has(root, "display_name"))
        {
            if (request.DisplayName is { Length: > 200 })
            {
                return AdminResults.Error(JsonRequest.Invalid("display_name", "'display_name' must be at most 200 characters."));
            }

            user = user with { DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim() };
        }

        var (limits, limitError) = LimitFields.Apply(user.Limits, root, request.Budget, request.BudgetPeriod, request.Rpm, request.Tpm, request.MaxParallel);
        if (limitError is not null)
        {
            return AdminResults.Error(limitError);
        }

        var (saved, created, saveError) = await tenancy.SaveUserAsync(user with { Limits = limits }, cancellationToken);
        if (saveError is not null)
        {
            return AdminResults.Error(saveError);
        }

        var view = UserView.From(saved!);
        await context.AuditAsync(created ? AuditActions.UserCreate : AuditActions.UserUpdate, AuditTargets.User, id, existing is null ? null : UserView.From(existing), view);
        return created ? TypedResults.Created($"/api/admin/users/{Uri.EscapeDataString(id)}", view) : TypedResults.Ok(view);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        var existing = tenancy.GetUser(id);
        if (!await tenancy.DeleteUserAsync(id, cancellationToken))
        {
            return AdminResults.Error(UserNotFound(id));
        }

        await context.AuditAsync(AuditActions.UserDelete, AuditTargets.User, id, existing is null ? new UserIdSnapshot(id) : UserView.From(existing));
        return Results.NoContent();
    }

    private static async Task<IResult> ListSlotsAsync(string id, TenancyService tenancy, CancellationToken cancellationToken)
    {
        if (tenancy.GetUser(id) is not { } user)
        {
            return AdminResults.Error(UserNotFound(id));
        }

        return TypedResults.Ok(new DataList<UsageSelectionView>(await tenancy.ListSelectionsAsync(As(user), cancellationToken)));
    }

    private static async Task<IResult> SetSlotAsync(string id, string slot, HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        if (tenancy.GetUser(id) is not { } user)
        {
            return AdminResults.Error(UserNotFound(id));
        }

        var (request, _, error) = await JsonRequest.ReadAsync<SlotSetRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (request!.ModelId is null && string.IsNullOrWhiteSpace(request.Model))
        {
            return AdminResults.Error(JsonRequest.Missing("model", "Give 'model', or 'platform_id' and 'model_id'."));
        }

        var caller = As(user);
        var key = UsageSlots.Normalize(slot);
        var before = await tenancy.GetSelectionAsync(caller, key, cancellationToken);
        var exists = before is not null;
        error = await tenancy.SaveSelectionAsync(caller, key, request.UsageLabel, request.Model?.Trim(), request.PlatformId, request.ModelId, create: !exists, cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var view = await tenancy.GetSelectionAsync(caller, key, cancellationToken);
        await context.AuditAsync(exists ? AuditActions.SlotUpdate : AuditActions.SlotCreate, AuditTargets.Slot, ClassicSelectionEndpoints.SlotTarget(tenancy, caller, key), before, view);
        return view is null
            ? AdminResults.Error(GatewayErrors.SlotNotFound(key))
            : exists ? TypedResults.Ok(view) : TypedResults.Created($"/api/admin/users/{Uri.EscapeDataString(id)}/slots/{Uri.EscapeDataString(key)}", view);
    }

    private static async Task<IResult> DeleteSlotAsync(string id, string slot, HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        if (tenancy.GetUser(id) is not { } user)
        {
            return AdminResults.Error(UserNotFound(id));
        }

        var caller = As(user);
        var key = UsageSlots.Normalize(slot);
        var before = await tenancy.GetSelectionAsync(caller, key, cancellationToken);
        var error = await tenancy.DeleteSlotAsync(caller, slot, cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error with { Param = null });
        }

        await context.AuditAsync(AuditActions.SlotDelete, AuditTargets.Slot, ClassicSelectionEndpoints.SlotTarget(tenancy, caller, key), before);
        return Results.NoContent();
    }

    // The admin acts on the user's behalf: the user's own role and tier decide what the slots may hold.
    private static CallerIdentity As(UserRecord user) => new(user.Id, null, user.Role);

    private static GatewayError UserNotFound(string id) => GatewayErrors.NotFound($"No user with id '{id}'.");
}
