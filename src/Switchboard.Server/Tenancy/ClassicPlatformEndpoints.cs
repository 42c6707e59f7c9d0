using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Errors;
using Switchboard.Core.Secrets;
using Switchboard.Server.Admin;
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

        return await PlatformCreation.CreateAsync(tenancy, owner!, request!, presets, kinds, "/api/ai/platform", cancellationToken);
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

        var (change, changeError) = PlatformInput.Update(request!, root, request!.NewName ?? request.Name, presets, kinds);
        if (changeError is not null)
        {
            return AdminResults.Error(changeError);
        }

        PlatformConfig? updated = null;
        error = await tenancy.UpdatePlatformAsync(owner!, id, current => updated = change!(current), cancellationToken);
        return error is not null ? AdminResults.Error(error) : TypedResults.Ok(PlatformCreation.View(updated! with { Id = id }));
    }

    private static async Task<IResult> DeletePlatformAsync(long id, HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        var (owner, refusal) = TenancyHttp.PlatformOwner(GatewayAuthMiddleware.GetCaller(context));
        if (refusal is not null)
        {
            return AdminResults.Error(refusal);
        }

        var error = await tenancy.DeletePlatformAsync(owner!, id, cancellationToken);
        return error is not null ? AdminResults.Error(error) : TypedResults.Ok(new DeletedResult(Id: id));
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

        var model = prices!(new PlatformModelConfig
        {
            PlatformId = id,
            UpstreamModel = request.ModelName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.ModelName.Trim() : request.DisplayName.Trim(),
            ExtraBodyJson = extraBody,
        });
        var (modelId, addError) = await tenancy.AddModelAsync(owner!, model, cancellationToken);
        return addError is not null
            ? AdminResults.Error(addError)
            : TypedResults.Created($"/api/ai/model/{modelId}", new ModelView(modelId!.Value, id, model.DisplayName, model.UpstreamModel));
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
        PlatformModelConfig? updated = null;
        error = await tenancy.UpdateModelAsync(owner!, id, current => updated = prices!(current with
        {
            DisplayName = request.DisplayName?.Trim() ?? current.DisplayName,
            UpstreamModel = request.ModelName?.Trim() ?? current.UpstreamModel,
            ExtraBodyJson = clearExtraBody ? null : extraBody ?? current.ExtraBodyJson,
        }), cancellationToken);
        return error is not null
            ? AdminResults.Error(error)
            : TypedResults.Ok(new ModelView(id, updated!.PlatformId, updated.DisplayName, updated.UpstreamModel));
    }

    private static async Task<IResult> DeleteModelAsync(long id, HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        var (owner, refusal) = TenancyHttp.PlatformOwner(GatewayAuthMiddleware.GetCaller(context));
        if (refusal is not null)
        {
            return AdminResults.Error(refusal);
        }

        var error = await tenancy.DeleteModelAsync(owner!, id, cancellationToken);
        return error is not null ? AdminResults.Error(error) : TypedResults.Ok(new DeletedResult(Id: id));
    }

    private static async Task<IResult> SetKeyAsync(long id, HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
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
        error = await tenancy.SetPlatformKeyAsync(GatewayAuthMiddleware.GetCaller(context), id, apiKey, cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var set = !string.IsNullOrEmpty(apiKey);
        return TypedResults.Ok(new PlatformKeyResult(id, set, set ? SecretMasker.Mask(apiKey!) : null));
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
        return error is not null ? AdminResults.Error(error) : TypedResults.Ok(new VisibilityResult(id, hide));
    }
}

/// <summary>Creates a platform with its models for the user and admin routes, and shows platforms.</summary>
internal static class PlatformCreation
{
    public static async Task<IResult> CreateAsync(TenancyService tenancy, string owner, PlatformCreateRequest request, IPlatformPresets presets, IEnumerable<IProviderKind> kinds, string location, CancellationToken cancellationToken)
    {
        var (platform, error) = PlatformInput.Create(request, presets, kinds);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        // Models are checked before anything is stored, so a bad model map does not leave a half-made platform behind.
        var (models, modelsError) = PlatformInput.Models(request.Models);
        if (modelsError is not null)
        {
            return AdminResults.Error(modelsError);
        }

        if (request.ApiKey is { Length: > 4096 })
        {
            return AdminResults.Error(JsonRequest.Invalid("api_key", "'api_key' is too long."));
        }

        var (id, createError) = await tenancy.CreatePlatformAsync(owner, platform!, string.IsNullOrWhiteSpace(request.ApiKey) ? null : request.ApiKey.Trim(), cancellationToken);
        if (createError is not null)
        {
            return AdminResults.Error(createError);
        }

        var views = new List<ModelView>(models.Count);
        foreach (var model in models)
        {
            var (modelId, modelError) = await tenancy.AddModelAsync(owner, model with { PlatformId = id!.Value }, cancellationToken);
            if (modelError is not null)
            {
                // All or nothing: the platform goes again rather than stay with part of its models.
                await tenancy.DeletePlatformAsync(owner, id!.Value, CancellationToken.None);
                return AdminResults.Error(modelError with { Param = modelError.Param ?? "models" });
            }

            views.Add(new ModelView(modelId!.Value, id!.Value, model.DisplayName, model.UpstreamModel));
        }

        return TypedResults.Created($"{location}/{id}", View(platform! with { Id = id!.Value }, views));
    }

    public static PlatformView View(PlatformConfig platform, IReadOnlyList<ModelView>? models = null) =>
        new(platform.Id, platform.Name, platform.Kind, platform.Preset, platform.BaseUrl, platform.Enabled, models);
}
