using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Audit;
using Switchboard.Core.Errors;
using Switchboard.Core.Routing;
using Switchboard.Server.Admin;
using Switchboard.Server.Audit;
using Switchboard.Tenancy;

using Switchboard.Server.Http;

namespace Switchboard.Server.Tenancy;

/// <summary>Serves the classic admin routes for system platforms (<c>/api/ai/admin/sys-platform*</c>); the owner is always the system user.</summary>
/// <remarks>Keys are shown masked only: the sealed value never leaves storage through these routes.</remarks>
internal static class ClassicSysPlatformEndpoints
{
    public static IEndpointRouteBuilder MapClassicSysPlatformEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ai/admin").WithTags("Classic: system platforms");
        group.MapGet("/sys-platforms", ListAsync)
            .WithSummary("Lists system platforms with their models and masked server keys.")
            .Produces<DataList<SystemPlatformView>>();
        group.MapPost("/sys-platform", CreateAsync)
            .WithSummary("Creates a system platform, optionally with a server key and models ({display: upstream}).")
            .Accepts<PlatformCreateRequest>("application/json")
            .Produces<PlatformView>(StatusCodes.Status201Created);
        group.MapPut("/sys-platform", UpdateAsync)
            .WithSummary("Changes a system platform picked by 'id' (then 'name' renames) or by 'name' (then 'new_name' renames).")
            .Accepts<PlatformUpdateRequest>("application/json")
            .Produces<PlatformView>();
        group.MapDelete("/sys-platform", DeleteAsync)
            .WithSummary("Deletes a system platform (by ?id=, ?name= or a JSON body with id or name) with its models and keys.")
            .Produces<DeletedResult>();
        group.MapPost("/sys-platform/api-key", AddKeyAsync)
            .WithSummary("Adds a server key to a system platform's pool; the answer shows it masked.")
            .Accepts<SystemKeyRequest>("application/json")
            .Produces<CreatedSystemKey>(StatusCodes.Status201Created);
        return routes;
    }

    private static async Task<IResult> ListAsync(ISwitchboardStore store, KeyStatusReader statuses, CancellationToken cancellationToken)
    {
        var data = await store.LoadAsync(cancellationToken);
        var platforms = data.Platforms
            .Where(p => p.OwnerUserId == SystemUser.Id)
            .OrderBy(p => p.Id)
            .Select(p => new SystemPlatformView(
                p.Id,
                p.Name,
                p.Kind,
                p.Preset,
                p.BaseUrl,
                p.Enabled,
                [.. data.Models.Where(m => m.PlatformId == p.Id).OrderBy(m => m.Id).Select(m => new ModelView(m.Id, m.PlatformId, m.DisplayName, m.UpstreamModel, m.Type))],
                // Users' own keys for a system platform are theirs, not part of the server's pool; they are not listed here.
                [.. data.Keys.Where(k => k.PlatformId == p.Id && k.OwnerUserId == SystemUser.Id).OrderBy(k => k.Id)
                    .Select(k => new SystemKeyView(k.Id, k.Masked, statuses.Read(k).Status, k.Label, k.Weight))]))
            .ToList();
        return TypedResults.Ok(new DataList<SystemPlatformView>(platforms));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, TenancyService tenancy, IPlatformPresets presets, IEnumerable<IProviderKind> kinds, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<PlatformCreateRequest>(context);
        return error is not null
            ? AdminResults.Error(error)
            : await PlatformChanges.CreateAsync(context, tenancy, SystemUser.Id, request!, presets, kinds, "/api/ai/admin/sys-platform", cancellationToken);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, TenancyService tenancy, ISwitchboardStore store, IPlatformPresets presets, IEnumerable<IProviderKind> kinds, CancellationToken cancellationToken)
    {
        var (request, root, error) = await JsonRequest.ReadAsync<PlatformUpdateRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        // With an id, 'name' is the new name; without one, 'name' picks the platform and 'new_name' renames it.
        var (id, findError) = await FindAsync(store, request!.Id, request.Id is null ? request.Name : null, cancellationToken);
        if (findError is not null)
        {
            return AdminResults.Error(findError);
        }

        var rename = request.Id is null ? request.NewName : request.NewName ?? request.Name;
        return await PlatformChanges.UpdateAsync(context, tenancy, SystemUser.Id, id, request, root, rename, presets, kinds, cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, TenancyService tenancy, ISwitchboardStore store, [FromQuery(Name = "id")] string? idText, [FromQuery(Name = "name")] string? name, CancellationToken cancellationToken)
    {
        long? id = null;
        if (!string.IsNullOrEmpty(idText))
        {
            if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return AdminResults.Error(JsonRequest.Invalid("id", "'id' must be a platform id (a whole number)."));
            }

            id = parsed;
        }
        else if (string.IsNullOrEmpty(name))
        {
            var (request, _, error) = await JsonRequest.ReadAsync<PlatformDeleteRequest>(context);
            if (error is not null)
            {
                return AdminResults.Error(error);
            }

            id = request!.Id;
            name = request.Name;
        }

        var (platformId, findError) = await FindAsync(store, id, name, cancellationToken);
        if (findError is not null)
        {
            return AdminResults.Error(findError);
        }

        return await PlatformChanges.DeleteAsync(context, tenancy, store, SystemUser.Id, platformId, cancellationToken);
    }

    private static async Task<IResult> AddKeyAsync(HttpContext context, TenancyService tenancy, ISwitchboardStore store, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<SystemKeyRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (string.IsNullOrWhiteSpace(request!.ApiKey))
        {
            return AdminResults.Error(JsonRequest.Missing("api_key"));
        }

        if (request.Weight is < 1 or > 1000)
        {
            return AdminResults.Error(JsonRequest.Invalid("weight", "'weight' must be between 1 and 1000."));
        }

        if (request.Label is { Length: > 200 })
        {
            return AdminResults.Error(JsonRequest.Invalid("label", "'label' must be at most 200 characters."));
        }

        var (platformId, findError) = await FindAsync(store, request.PlatformId, request.PlatformName ?? request.Platform, cancellationToken, "platform_id");
        if (findError is not null)
        {
            return AdminResults.Error(findError);
        }

        var (id, addError) = await tenancy.AddSystemKeyAsync(platformId, request.ApiKey.Trim(), request.Label, request.Weight ?? 1, cancellationToken);
        if (addError is not null)
        {
            return AdminResults.Error(addError);
        }

        // The masked form is read back from storage rather than recomputed here, so the answer shows exactly what is stored.
        var data = await store.LoadAsync(cancellationToken);
        var stored = data.Keys.FirstOrDefault(k => k.Id == id);
        var masked = stored?.Masked ?? Switchboard.Core.Secrets.SecretMasker.FullMask;
        await context.AuditAsync(AuditActions.PlatformKeyCreate, AuditTargets.PlatformKey, id!.Value, after: stored is null ? null : AuditSnapshots.Key(stored));
        return TypedResults.Created($"/api/ai/admin/sys-platforms#{platformId}", new CreatedSystemKey(id!.Value, platformId, masked));
    }

    /// <summary>Finds a system platform by id or name; an unknown one is a 404, neither given is a 400.</summary>
    private static async Task<(long Id, GatewayError? Error)> FindAsync(ISwitchboardStore store, long? id, string? name, CancellationToken cancellationToken, string idParam = "id")
    {
        if (id is { } given)
        {
            return (given, null);
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return (0, JsonRequest.Missing(idParam, $"Give the platform's '{idParam}' or its name."));
        }

        var data = await store.LoadAsync(cancellationToken);
        var trimmed = name.Trim();
        var system = data.Platforms.Where(p => p.OwnerUserId == SystemUser.Id).ToList();
        var loose = system.Where(p => string.Equals(p.Name, trimmed, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        var platform = system.FirstOrDefault(p => string.Equals(p.Name, trimmed, StringComparison.Ordinal)) ?? (loose.Count == 1 ? loose[0] : null);
        return platform is null
            ? (0, GatewayErrors.NotFound($"No system platform named '{trimmed}'."))
            : (platform.Id, null);
    }
}
