using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Audit;
using Switchboard.Core.Secrets;
using Switchboard.Server.Admin;
using Switchboard.Server.Audit;
using Switchboard.Server.Http;
using Switchboard.Tenancy;

namespace Switchboard.Server.Tenancy;

/// <summary>Creates, changes and deletes platforms for the user and admin routes alike, records each change in the audit log, and shows platforms.</summary>
internal static class PlatformChanges
{
    public static async Task<IResult> CreateAsync(HttpContext context, TenancyService tenancy, string owner, PlatformCreateRequest request, IPlatformPresets presets, IEnumerable<IProviderKind> kinds, string location, CancellationToken cancellationToken)
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

        var apiKey = string.IsNullOrWhiteSpace(request.ApiKey) ? null : request.ApiKey.Trim();
        var (id, createError) = await tenancy.CreatePlatformAsync(owner, platform!, apiKey, cancellationToken);
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

            views.Add(new ModelView(modelId!.Value, id!.Value, model.DisplayName, model.UpstreamModel, model.Type));
        }

        var view = View(platform! with { Id = id!.Value, OwnerUserId = owner }, views);
        await context.AuditAsync(AuditActions.PlatformCreate, AuditTargets.Platform, id.Value, after: new PlatformCreateSnapshot(view, owner, apiKey is null ? null : SecretMasker.Mask(apiKey)));
        return TypedResults.Created($"{location}/{id}", view);
    }

    /// <summary>Applies an update request to one of the owner's platforms; a base URL on a new host needs the keys in the same request.</summary>
    public static async Task<IResult> UpdateAsync(
        HttpContext context, TenancyService tenancy, string owner, long id, PlatformUpdateRequest request, System.Text.Json.JsonElement root, string? rename, IPlatformPresets presets, IEnumerable<IProviderKind> kinds, CancellationToken cancellationToken)
    {
        var (change, changeError) = PlatformInput.Update(request, root, rename, presets, kinds);
        if (changeError is not null)
        {
            return AdminResults.Error(changeError);
        }

        var (keys, keysError) = PlatformInput.Keys(request, root);
        if (keysError is not null)
        {
            return AdminResults.Error(keysError);
        }

        var (update, error) = await tenancy.UpdatePlatformAsync(owner, id, change!, keys, cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var (before, after) = AuditSnapshots.Update(update!);
        await context.AuditAsync(AuditActions.PlatformUpdate, AuditTargets.Platform, id, before, after);
        return TypedResults.Ok(View(update!.After));
    }

    /// <summary>Deletes one of the owner's platforms with its models and keys.</summary>
    public static async Task<IResult> DeleteAsync(HttpContext context, TenancyService tenancy, ISwitchboardStore store, string owner, long id, CancellationToken cancellationToken)
    {
        var data = await store.LoadAsync(cancellationToken);
        var error = await tenancy.DeletePlatformAsync(owner, id, cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        await context.AuditAsync(AuditActions.PlatformDelete, AuditTargets.Platform, id, before: AuditSnapshots.Platform(data, id));
        return TypedResults.Ok(new DeletedResult(Id: id));
    }

    public static PlatformView View(Abstractions.Configuration.PlatformConfig platform, IReadOnlyList<ModelView>? models = null) =>
        new(platform.Id, platform.Name, platform.Kind, platform.Preset, platform.BaseUrl, platform.Enabled, models);
}
