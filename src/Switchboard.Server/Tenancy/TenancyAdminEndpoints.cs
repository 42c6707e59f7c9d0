using Microsoft.AspNetCore.Mvc;
using Switchboard.Core.Audit;
using Switchboard.Core.Errors;
using Switchboard.Core.Tenancy;
using Switchboard.Server.Admin;
using Switchboard.Server.Audit;
using Switchboard.Tenancy;

using Switchboard.Server.Http;

namespace Switchboard.Server.Tenancy;

/// <summary>Serves the admin REST routes for tier rules, the tenancy mode and AutoKey, and the dispatcher query.</summary>
internal static class TenancyAdminEndpoints
{
    // The dispatcher query resolves every listed user; a bound keeps one request from resolving an unbounded list.
    private const int MaxDispatchUsers = 1000;

    public static IEndpointRouteBuilder MapTenancyAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var tiers = routes.MapGroup("/api/admin/tiers").WithTags("Admin: tiers");
        tiers.MapGet("/", (TenancyService tenancy) => TypedResults.Ok(new DataList<TierRuleView>([.. tenancy.Rules.Select(TierRuleView.From)])))
            .WithSummary("Lists the tier rules in force, built-in defaults included.");
        tiers.MapGet("/{tier}", (string tier, TenancyService tenancy) => FindRule(tenancy, tier) is { } rule
                ? Results.Ok(TierRuleView.From(rule))
                : AdminResults.Error(GatewayErrors.NotFound($"No rule for tier '{tier}'; unknown tiers use the 'free' rule.")))
            .WithSummary("Gets one tier rule.")
            .Produces<TierRuleView>();
        tiers.MapPut("/{tier}", SetRuleAsync)
            .WithSummary("Stores a tier rule: {\"slots\":{\"main\":\"m\"},\"models\":[...],\"tags\":[...],\"includes_tiers\":[...],\"server_keys\":true|false|null}; effective on the next request.")
            .Accepts<TierRuleRequest>("application/json")
            .Produces<TierRuleView>();

        var settings = routes.MapGroup("/api/admin/tenancy").WithTags("Admin: tenancy");
        settings.MapGet("/", (TenancyService tenancy) => TypedResults.Ok(new TenancySettingsView(tenancy.Mode, tenancy.AutoKey)))
            .WithSummary("Gets the tenancy mode and the AutoKey switch.");
        settings.MapPut("/", SetModeAsync)
            .WithSummary("Sets the tenancy mode (single, multi-fixed, multi-custom) and/or AutoKey; effective on the next request.")
            .Accepts<TenancySettingsRequest>("application/json")
            .Produces<TenancySettingsView>();

        var dispatch = routes.MapGroup("/api/admin/dispatch").WithTags("Admin: tenancy");
        dispatch.MapGet("/", DispatchGetAsync)
            .WithSummary("Resolves what each user gets for a slot: model, platform and whose key (?user_id=a&user_id=b&usage_key=main).")
            .Produces<DataList<DispatchView>>();
        dispatch.MapPost("/", DispatchPostAsync)
            .WithSummary("Resolves what each user gets for a slot: {user_ids:[...], usage_key}.")
            .Accepts<DispatchRequest>("application/json")
            .Produces<DataList<DispatchView>>();
        return routes;
    }

    private static async Task<IResult> SetRuleAsync(string tier, HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        // An empty body would store an empty rule, which allows every model: that must be said, not implied.
        var (root, error) = await JsonRequest.ReadObjectAsync(context, required: true);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        // The service parses the rule itself and names the bad field; the raw text is what gets stored.
        var before = FindRule(tenancy, tier) is { } old ? TierRuleView.From(old) : null;
        error = await tenancy.SetRuleAsync(tier, root.GetRawText(), TenancyHttp.Actor(context), cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (FindRule(tenancy, tier) is not { } rule)
        {
            return AdminResults.Error(GatewayErrors.NotFound($"No rule for tier '{tier}'."));
        }

        var view = TierRuleView.From(rule);
        await context.AuditAsync(AuditActions.TierSet, AuditTargets.Tier, rule.Tier, before, view);
        return TypedResults.Ok(view);
    }

    private static async Task<IResult> SetModeAsync(HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<TenancySettingsRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (request!.Mode is null && request.AutoKey is null)
        {
            return AdminResults.Error(JsonRequest.Missing("mode", "Give 'mode' and/or 'auto_key'."));
        }

        var before = new TenancySettingsView(tenancy.Mode, tenancy.AutoKey);
        error = await tenancy.SetModeAsync(request.Mode, request.AutoKey, TenancyHttp.Actor(context), cancellationToken);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var after = new TenancySettingsView(tenancy.Mode, tenancy.AutoKey);
        await context.AuditAsync(AuditActions.TenancyUpdate, AuditTargets.Tenancy, "settings", before, after);
        return TypedResults.Ok(after);
    }

    private static async Task<IResult> DispatchGetAsync(TenancyService tenancy, [FromQuery(Name = "user_id")] string[]? userId, [FromQuery(Name = "user_ids")] string? userIds, [FromQuery(Name = "usage_key")] string? usageKey, CancellationToken cancellationToken)
    {
        // Both ?user_id=a&user_id=b and ?user_ids=a,b are accepted.
        var ids = (userId ?? []).Concat(userIds?.Split(',') ?? []).ToList();
        return await DispatchAsync(tenancy, ids, usageKey, cancellationToken);
    }

    private static async Task<IResult> DispatchPostAsync(HttpContext context, TenancyService tenancy, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<DispatchRequest>(context);
        return error is not null
            ? AdminResults.Error(error)
            : await DispatchAsync(tenancy, request!.UserIds ?? [], request.UsageKey, cancellationToken);
    }

    private static async Task<IResult> DispatchAsync(TenancyService tenancy, IReadOnlyList<string?> userIds, string? usageKey, CancellationToken cancellationToken)
    {
        var ids = userIds.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return AdminResults.Error(JsonRequest.Missing("user_ids", "Give at least one user id ('user_id' in the query, or 'user_ids' in the body)."));
        }

        if (ids.Count > MaxDispatchUsers)
        {
            return AdminResults.Error(JsonRequest.Invalid("user_ids", $"At most {MaxDispatchUsers} users per query."));
        }

        var key = UsageSlots.Normalize(usageKey);
        if (!UsageSlots.IsValidKey(key))
        {
            return AdminResults.Error(JsonRequest.Invalid("usage_key", "'usage_key' must be 1-64 letters, digits, '-', '_' or '.'."));
        }

        return TypedResults.Ok(new DataList<DispatchView>(await tenancy.DispatchAsync(ids, key, cancellationToken)));
    }

    private static TierRule? FindRule(TenancyService tenancy, string tier) =>
        tenancy.Rules.FirstOrDefault(r => string.Equals(r.Tier, tier, StringComparison.OrdinalIgnoreCase));
}
