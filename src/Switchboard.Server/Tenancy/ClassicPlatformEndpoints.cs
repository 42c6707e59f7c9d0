using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Audit;
using Switchboard.Core.Configuration;
using Switchboard.Core.Secrets;
using Switchboard.Server.Admin;
using Switchboard.Server.Audit;
using Switchboard.Server.Auth;
using Switchboard.Server.Pricing;
using Switchboard.Tenancy;

using Switchboard.Server.Http;

namespace Switchboard.Server.Tenancy;

/// <summary>Serves the user platform routes: private platforms and models (multi-custom mode), own keys, and hiding platforms.</summary>
/// <remarks>
/// The caller is always the owner. Isolation is the service's (and the store's) job: another user's platform or model is
/// "not found" with the same body as a missing id, so ids cannot be probed.
/// </remarks>
internal static class ClassicPlatformEndpoints
{
    public static IEndpointRouteBuilder MapClassicPlatformEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ai").WithTags("Classic: platforms");
        group.MapPost("/platform", CreatePlatformAsync)
            .WithSummary("Creates a private platform of the caller (multi-custom mode), optionally with its key and models.")
            .Accepts<PlatformCreateRequest>("application/json")
            .Produces<PlatformView>(StatusCodes.Status201Created);
        group.MapPut("/platform/{id:long}", UpdatePlatformAsync)
            .WithSummary("Changes a private platform of the caller.")
            .Accepts<PlatformUpdateRequest>("application/json")
            .Produces<PlatformView>();
        group.MapDelete("/platform/{id:long}", DeletePlatformAsync)
            .WithSummary("Deletes a private platform of the caller with its models and key.")
            .Produces<DeletedResult>();
        group.MapPost("/platform/{id:long}/models", AddModelAsync)
            .WithSummary("Adds a model to a private platform of the caller.")
            .Accepts<ModelCreateRequest>("application/json")
            .Produces<ModelView>(StatusCodes.Status201Created);
        group.MapPut("/model/{id:long}", UpdateModelAsync)
            .WithSummary("Changes a model of a private platform of the caller.")
            .Accepts<ModelUpdateRequest>("application/json")
            .Produces<ModelView>();
        group.MapDelete("/model/{id:long}", DeleteModelAsync)
            .WithSummary("Deletes a model of a private platform of the caller.")
            .Produces<DeletedResult>();
        group.MapPost("/platform/{id:long}/api-key", SetKeyAsync)
            .WithSummary("Saves the caller's own key for a system platform (multi-user modes) or the key of their private platform; an empty key removes it.")
            .Accepts<PlatformKeyRequest>("application/json")
            .Produces<PlatformKeyResult>();
        group.MapPost("/platform/{id:long}/visibility", SetVisibilityAsync)
            .WithSummary("Hides or shows a platform in the caller's listings; slots on a hidden platform are repaired.")
            .Accepts<VisibilityRequest>("application/json")
            .Produces<VisibilityResult>();
        return routes;
    }

    private static async Task<IResult> CreatePlatformAsync(HttpContext context, TenancyService tenancy, IPlatformPresets presets, IEnumerable<IProviderKind> kinds, CancellationToken cancellationToken)
    {
        var (owner, refusal) = TenancyHttp.PlatformOwner(GatewayAuthMiddleware.GetCaller(context));
        if (refusal is not null)
        {
            return AdminResults.Error(refusal);
        }

        var (request, _, error) = await JsonRequest.ReadAsync<PlatformCreateRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        return await PlatformChanges.CreateAsync(context, tenancy, owner!, request!, presets, kinds, "/api/ai/platform", cancellationToken);
    }

    private static async Task<IResult> UpdatePlatformAsync(long id, HttpContext context, TenancyService tenancy, IPlatformPresets presets, IEnumerable<IProviderKind> kinds, CancellationToken cancellationToken)
    {
        var (owner, refusal) = TenancyHttp.PlatformOwner(GatewayAuthMiddleware.GetCaller(context));
        if (refusal is not null)
        {
            return AdminResults.Error(refusal);
        }

        var (request, root, error) = await JsonRequest.ReadAsync<PlatformUpdateRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        return await PlatformChanges.UpdateAsync(context, tenancy, owner!, id, request!, root, request!.NewName ?? request.Name, presets, kinds, cancellationToken);
    }

    private static async Task<IResult> DeletePlatformAsync(long id, HttpContext context, TenancyService tenancy, ISwitchboardStore store, CancellationToken cancellationToken)
    {
        var (owner, refusal) = TenancyHttp.PlatformOwner(GatewayAuthMiddleware.GetCaller(context));
        return refusal is not null
            ? AdminResults.Error(refusal)
            : await PlatformChanges.DeleteAsync(context, tenancy, store, owner!, id, cancellationToken);
    }

    private static async Task<IResult> AddModelAsync(long id, HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        var (owner, refusal) = TenancyHttp.PlatformOwner(GatewayAuthMiddleware.GetCaller(context));
        if (refusal is not null)
        {
            return AdminResults.Error(refusal);
        }

        var (request, root, error) = await JsonRequest.ReadAsync<ModelCreateRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (string.IsNullOrWhiteSpace(request!.ModelName))
        {
            return AdminResults.Error(JsonRequest.Missing("model_name"));
        }

        var (extraBody, extraError) = PlatformInput.ExtraBody(request.ExtraBody);
        if (extraError is not null)
        {
            return AdminResults.Error(extraError);
        }

        // The classic client always sent both names; the display name defaults to the upstream name for everyone else.
        var (prices, priceError) = ModelPriceFields.Read(root);
        if (priceError is not null)
        {
            return AdminResults.Error(priceError);
        }

        var typeError = PlatformInput.ReadType(root, null, out var type);
        if (typeError is not null)
        {
            return AdminResults.Error(typeError);
        }

        var model = prices!(new PlatformModelConfig
        {
            PlatformId = id,
            UpstreamModel = request.ModelName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.ModelName.Trim() : request.DisplayName.Trim(),
            ExtraBodyJson = extraBody,
            Type = type ?? ModelTypes.Infer(request.ModelName.Trim()),
        });
        var (modelId, addError) = await tenancy.AddModelAsync(owner!, model, cancellationToken);
        if (addError is not null)
        {
            return AdminResults.Error(addError);
        }

        await context.AuditAsync(AuditActions.PlatformModelCreate, AuditTargets.PlatformModel, modelId!.Value, after: AuditSnapshots.Model(model with { Id = modelId.Value }));
        return TypedResults.Created($"/api/ai/model/{modelId}", new ModelView(modelId.Value, id, model.DisplayName, model.UpstreamModel, model.Type));
    }

    private static async Task<IResult> UpdateModelAsync(long id, HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        var (owner, refusal) = TenancyHttp.PlatformOwner(GatewayAuthMiddleware.GetCaller(context));
        if (refusal is not null)
        {
            return AdminResults.Error(refusal);
        }

        var (request, root, error) = await JsonRequest.ReadAsync<ModelUpdateRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if ((request!.DisplayName is not null && string.IsNullOrWhiteSpace(request.DisplayName)) || (request.ModelName is not null && string.IsNullOrWhiteSpace(request.ModelName)))
        {
            return AdminResults.Error(JsonRequest.Invalid(request.DisplayName is not null && string.IsNullOrWhiteSpace(request.DisplayName) ? "display_name" : "model_name", "Names must not be empty."));
        }

        var (extraBody, extraError) = PlatformInput.ExtraBody(request.ExtraBody);
        if (extraError is not null)
        {
            return AdminResults.Error(extraError);
        }

        var (prices, priceError) = ModelPriceFields.Read(root);
        if (priceError is not null)
        {
            return AdminResults.Error(priceError);
        }

        var clearExtraBody = JsonRequest.Has(root, "extra_body") && extraBody is null;
        PlatformModelConfig? before = null;
        PlatformModelConfig? updated = null;
        error = await tenancy.UpdateModelAsync(owner!, id, current => updated = prices!((before = current) with
        {
            DisplayName = request.DisplayName?.Trim() ?? current.DisplayName,
            UpstreamModel = request.ModelName?.Trim() ?? current.UpstreamModel,
            ExtraBodyJson = clearExtraBody ? null : extraBody ?? current.ExtraBodyJson,
        }), cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        await context.AuditAsync(AuditActions.PlatformModelUpdate, AuditTargets.PlatformModel, id, AuditSnapshots.Model(before!), AuditSnapshots.Model(updated! with { Id = id }));
        return TypedResults.Ok(new ModelView(id, updated.PlatformId, updated.DisplayName, updated.UpstreamModel, updated.Type));
    }

    private static async Task<IResult> DeleteModelAsync(long id, HttpContext context, TenancyService tenancy, ISwitchboardStore store, CancellationToken cancellationToken)
    {
        var (owner, refusal) = TenancyHttp.PlatformOwner(GatewayAuthMiddleware.GetCaller(context));
        if (refusal is not null)
        {
            return AdminResults.Error(refusal);
        }

        var before = (await store.LoadAsync(cancellationToken)).Models.FirstOrDefault(m => m.Id == id);
        var error = await tenancy.DeleteModelAsync(owner!, id, cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        await context.AuditAsync(AuditActions.PlatformModelDelete, AuditTargets.PlatformModel, id, before is null ? null : AuditSnapshots.Model(before));
        return TypedResults.Ok(new DeletedResult(Id: id));
    }

    private static async Task<IResult> SetKeyAsync(long id, HttpContext context, TenancyService tenancy, ISwitchboardStore store, CancellationToken cancellationToken)
    {
        var (request, root, error) = await JsonRequest.ReadAsync<PlatformKeyRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        // An absent field must not silently delete a stored key; removing takes an explicit "" or null.
        if (!JsonRequest.Has(root, "api_key"))
        {
            return AdminResults.Error(JsonRequest.Missing("api_key", "'api_key' is required; send \"\" to remove your key."));
        }

        var apiKey = request!.ApiKey?.Trim();
        var caller = GatewayAuthMiddleware.GetCaller(context);
        var before = (await store.LoadAsync(cancellationToken)).Keys.FirstOrDefault(k => k.PlatformId == id && k.OwnerUserId == caller.UserId);
        error = await tenancy.SetPlatformKeyAsync(caller, id, apiKey, cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var set = !string.IsNullOrEmpty(apiKey);
        var result = new PlatformKeyResult(id, set, set ? SecretMasker.Mask(apiKey!) : null);
        await context.AuditAsync(set ? AuditActions.PlatformKeySet : AuditActions.PlatformKeyRemove, AuditTargets.Platform, id,
            before is null ? null : new PlatformKeyResult(id, true, before.Masked), set ? result : null);
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> SetVisibilityAsync(long id, HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<VisibilityRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (request!.Hide is not { } hide)
        {
            return AdminResults.Error(JsonRequest.Missing("hide", "'hide' is required: true or false."));
        }

        error = await tenancy.SetPlatformHiddenAsync(GatewayAuthMiddleware.GetCaller(context), id, hide, cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var result = new VisibilityResult(id, hide);
        await context.AuditAsync(AuditActions.PlatformVisibility, AuditTargets.Platform, id, after: result);
        return TypedResults.Ok(result);
    }
}
