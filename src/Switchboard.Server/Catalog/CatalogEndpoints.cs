using Switchboard.Catalog;
using Switchboard.Core.Audit;
using Switchboard.Core.Errors;
using Switchboard.Server.Admin;
using Switchboard.Server.Audit;
using Switchboard.Server.Auth;
using Switchboard.Server.Http;

namespace Switchboard.Server.Catalog;

/// <summary>Serves the catalog admin API (list with filters, batch changes, model sync) and the users' grouped model view.</summary>
/// <remarks>Admin paths are guarded by <see cref="GatewayAuthMiddleware"/>; the grouped view is open to every authenticated caller and shows only what they may use.</remarks>
internal static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin/catalog").WithTags("Admin: catalog");
        admin.MapGet("/", ListAsync)
            .WithSummary("Lists every catalog model with its sources, user price, margin, tags and derived health; filter with tag, type, provider, health, active and q.")
            .Produces<CatalogList>();
        admin.MapPatch("/", UpdateAsync)
            .WithSummary("Applies one change (active, featured, prices, tags, tier, capabilities, names) to every listed id, all or nothing; an unknown id is a 404 and changes nothing.")
            .Accepts<CatalogBatchRequest>("application/json")
            .Produces<CatalogList>();
        admin.MapPost("/sync", SyncAsync)
            .WithSummary("Discovers the models each enabled system platform serves and returns the difference from what is stored; nothing changes.")
            .Accepts<CatalogSyncRequest>("application/json")
            .Produces<CatalogSyncView>();
        admin.MapPost("/sync/apply", ApplyAsync)
            .WithSummary("Discovers again and applies the chosen diff entries (or all): adds new models with catalog entries, disables (never deletes) missing ones. Idempotent.")
            .Accepts<CatalogSyncApplyRequest>("application/json")
            .Produces<CatalogSyncApplyView>();

        routes.MapGet("/api/models/grouped", GroupedAsync)
            .WithTags("Models")
            .WithSummary("Lists the models the caller may use, grouped by tag and by type, without naming providers, platforms or keys.")
            .Produces<GroupedModelsView>();
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpContext context, CatalogService catalog, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        bool? active = null;
        if (query["active"].ToString() is { Length: > 0 } text)
        {
            if (!bool.TryParse(text, out var value))
            {
                return AdminResults.Error(JsonRequest.Invalid("active", "'active' must be true or false."));
            }

            active = value;
        }

        var (models, error) = await catalog.ListAsync(
            new CatalogQuery
            {
                Tag = Text(query["tag"]),
                Type = Text(query["type"]),
                Provider = Text(query["provider"]),
                Health = Text(query["health"]),
                Active = active,
                Search = Text(query["q"]),
            },
            cancellationToken);
        return error is not null ? AdminResults.Error(error) : TypedResults.Ok(new CatalogList(models!, models!.Count));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, CatalogService catalog, CancellationToken cancellationToken)
    {
        var (request, root, error) = await JsonRequest.ReadAsync<CatalogBatchRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (request!.Ids is null)
        {
            return AdminResults.Error(JsonRequest.Missing("ids"));
        }

        var batch = new CatalogBatch
        {
            Ids = request.Ids,
            Active = request.Active,
            Featured = request.Featured,
            UserInputPricePerMillion = request.UserInputPrice,
            UserOutputPricePerMillion = request.UserOutputPrice,
            UserCachedInputPricePerMillion = JsonRequest.Has(root, "user_cached_input_price") ? new CatalogChange<decimal?>(request.UserCachedInputPrice) : null,
            UserCacheWritePricePerMillion = JsonRequest.Has(root, "user_cache_write_price") ? new CatalogChange<decimal?>(request.UserCacheWritePrice) : null,
            AddTags = request.AddTags ?? [],
            RemoveTags = request.RemoveTags ?? [],
            Capabilities = request.Capabilities,
            TierRequired = JsonRequest.Has(root, "tier_required") ? new CatalogChange<string?>(request.TierRequired) : null,
            DisplayName = JsonRequest.Has(root, "display_name") ? new CatalogChange<string?>(request.DisplayName) : null,
            CustomName = JsonRequest.Has(root, "custom_name") ? new CatalogChange<string?>(request.CustomName) : null,
            CacheTtlSeconds = JsonRequest.Has(root, "cache_ttl_seconds") ? new CatalogChange<int?>(request.CacheTtlSeconds) : null,
        };
        var (models, updateError) = await CatalogAudit.UpdateAsync(context, catalog, batch, cancellationToken);
        return updateError is not null ? AdminResults.Error(updateError) : TypedResults.Ok(new CatalogList(models!, models!.Count));
    }

    private static async Task<IResult> SyncAsync(HttpContext context, CatalogService catalog, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<CatalogSyncRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var (diff, syncError) = await catalog.SyncAsync(request!.Platforms, cancellationToken);
        return syncError is not null ? AdminResults.Error(syncError) : TypedResults.Ok(diff);
    }

    private static async Task<IResult> ApplyAsync(HttpContext context, CatalogService catalog, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<CatalogSyncApplyRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var selection = new CatalogSyncSelection { All = request!.All ?? false, Entries = request.Entries ?? [], Platforms = request.Platforms };
        var (result, applyError) = await catalog.ApplySyncAsync(selection, cancellationToken);
        if (applyError is not null)
        {
            return AdminResults.Error(applyError);
        }

        await context.AuditAsync(AuditActions.CatalogSyncApply, AuditTargets.Catalog, "sync", after: new CatalogSyncSnapshot(selection, result!));
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> GroupedAsync(HttpContext context, CatalogService catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.ListGroupedAsync(GatewayAuthMiddleware.GetCaller(context), cancellationToken));

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text.Trim() : null;
}
