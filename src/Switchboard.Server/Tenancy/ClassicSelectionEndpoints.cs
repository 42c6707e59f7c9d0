using Microsoft.AspNetCore.Mvc;
using Switchboard.Core.Audit;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Tenancy;
using Switchboard.Server.Admin;
using Switchboard.Server.Audit;
using Switchboard.Server.Auth;
using Switchboard.Tenancy;

using Switchboard.Server.Http;

namespace Switchboard.Server.Tenancy;

/// <summary>Serves the classic usage-slot routes (<c>/api/ai/user-selection</c>) and the classic platform-model listing; callers act as themselves.</summary>
internal static class ClassicSelectionEndpoints
{
    public static IEndpointRouteBuilder MapClassicSelectionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ai").WithTags("Classic: usage slots");
        group.MapGet("/user-selection", GetAsync)
            .WithSummary("Gets one of the caller's usage slots (usage_key, default 'main') with every slot in usage_selections.")
            .Produces<UsageSelectionView>();
        group.MapPost("/user-selection", SaveAsync)
            .WithSummary("Binds one of the caller's usage slots to a model: {model} or {platform_id, model_id}.")
            .Accepts<SelectionRequest>("application/json")
            .Produces<UsageSelectionView>();
        group.MapPost("/user-selection/usage", CreateAsync)
            .WithSummary("Creates a named usage slot for the caller; without a model it starts on the main slot's model.")
            .Accepts<SelectionRequest>("application/json")
            .Produces<UsageSelectionView>(StatusCodes.Status201Created);
        group.MapDelete("/user-selection/usage", DeleteAsync)
            .WithSummary("Deletes one of the caller's named usage slots (built-in slots stay).")
            .Produces<DeletedResult>();
        group.MapGet("/platform-models", (HttpContext context, TenancyService tenancy) =>
                TypedResults.Ok(new DataList<PlatformModelView>(tenancy.ListPlatformModels(GatewayAuthMiddleware.GetCaller(context)))))
            .WithTags("Classic: platforms")
            .WithSummary("Lists every platform model the caller may pick, with whether a key is set and whether the caller hid the platform.");
        group.MapGet("/platform-keys", (HttpContext context, TenancyService tenancy) =>
                TypedResults.Ok(new DataList<OwnKeyView>(tenancy.ListOwnKeys(tenancy.EffectiveUser(GatewayAuthMiddleware.GetCaller(context))))))
            .WithTags("Classic: platforms")
            .WithSummary("Lists the upstream keys the caller brought (own keys for system platforms, keys of private platforms), masked.");
        return routes;
    }

    private static async Task<IResult> GetAsync(HttpContext context, TenancyService tenancy, [FromQuery(Name = "usage_key")] string? usageKey, CancellationToken cancellationToken)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        return await SelectionResultAsync(tenancy, caller, UsageSlots.Normalize(usageKey), created: false, cancellationToken);
    }

    private static async Task<IResult> SaveAsync(HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<SelectionRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (request!.ModelId is null && string.IsNullOrWhiteSpace(request.Model))
        {
            return AdminResults.Error(request.PlatformId is null
                ? JsonRequest.Missing("model", "Give 'model', or 'platform_id' and 'model_id'.")
                : JsonRequest.Missing("model_id", "'model_id' is required with 'platform_id'."));
        }

        var caller = GatewayAuthMiddleware.GetCaller(context);
        var key = UsageSlots.Normalize(request.UsageKey);
        var before = await tenancy.GetSelectionAsync(caller, key, cancellationToken);
        error = await tenancy.SaveSelectionAsync(caller, key, request.UsageLabel, request.Model?.Trim(), request.PlatformId, request.ModelId, create: false, cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        await context.AuditAsync(AuditActions.SlotUpdate, AuditTargets.Slot, SlotTarget(tenancy, caller, key), before, await tenancy.GetSelectionAsync(caller, key, cancellationToken));
        return await SelectionResultAsync(tenancy, caller, key, created: false, cancellationToken);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<SelectionRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (string.IsNullOrWhiteSpace(request!.UsageKey))
        {
            return AdminResults.Error(JsonRequest.Missing("usage_key"));
        }

        if (request.PlatformId is not null && request.ModelId is null && string.IsNullOrWhiteSpace(request.Model))
        {
            return AdminResults.Error(JsonRequest.Missing("model_id", "'model_id' is required with 'platform_id'."));
        }

        if (request.UsageLabel is { Length: > 200 })
        {
            return AdminResults.Error(JsonRequest.Invalid("usage_label", "'usage_label' must be at most 200 characters."));
        }

        var caller = GatewayAuthMiddleware.GetCaller(context);
        var key = UsageSlots.Normalize(request.UsageKey);
        error = await tenancy.SaveSelectionAsync(caller, key, request.UsageLabel, request.Model?.Trim(), request.PlatformId, request.ModelId, create: true, cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        await context.AuditAsync(AuditActions.SlotCreate, AuditTargets.Slot, SlotTarget(tenancy, caller, key), after: await tenancy.GetSelectionAsync(caller, key, cancellationToken));
        return await SelectionResultAsync(tenancy, caller, key, created: true, cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, TenancyService tenancy, [FromQuery(Name = "usage_key")] string? usageKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(usageKey))
        {
            return AdminResults.Error(JsonRequest.Missing("usage_key"));
        }

        var key = UsageSlots.Normalize(usageKey);
        var caller = GatewayAuthMiddleware.GetCaller(context);
        var before = await tenancy.GetSelectionAsync(caller, key, cancellationToken);
        var error = await tenancy.DeleteSlotAsync(caller, key, cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error with { Param = "usage_key" });
        }

        await context.AuditAsync(AuditActions.SlotDelete, AuditTargets.Slot, SlotTarget(tenancy, caller, key), before);
        return TypedResults.Ok(new DeletedResult(UsageKey: key));
    }

    private static async Task<IResult> SelectionResultAsync(TenancyService tenancy, CallerIdentity caller, string key, bool created, CancellationToken cancellationToken)
    {
        var slot = await tenancy.GetSelectionAsync(caller, key, cancellationToken);
        if (slot is null)
        {
            return AdminResults.Error(GatewayErrors.SlotNotFound(key) with { Param = "usage_key" });
        }

        var response = slot with { UsageSelections = await tenancy.ListSelectionsAsync(caller, cancellationToken) };
        return created
            ? TypedResults.Created($"/api/ai/user-selection?usage_key={Uri.EscapeDataString(key)}", response)
            : TypedResults.Ok(response);
    }

    /// <summary>Names a slot for the audit log as <c>user/slot</c>, with the user whose slot it is (the system user in single mode).</summary>
    internal static string SlotTarget(TenancyService tenancy, CallerIdentity caller, string key) => tenancy.EffectiveUser(caller) + "/" + key;
}
