using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Audit;
using Switchboard.Core.Errors;
using Switchboard.Core.Routing.Quotas;
using Switchboard.Hosting;
using Switchboard.Server.Admin;
using Switchboard.Server.Audit;
using Switchboard.Server.Http;
using Switchboard.Server.Tenancy;

namespace Switchboard.Server.KeyQuotas;

/// <summary>Serves upstream keys' quotas to admins: read one with its current consumption, set it, remove it.</summary>
/// <remarks>A change reloads the routing snapshot and re-evaluates the key at once, so raising a used-up quota puts the key back in rotation.</remarks>
internal static class KeyQuotaEndpoints
{
    // Costs are counted in nano-USD in a 64-bit column; a billion dollars keeps far from overflow.
    private const decimal MaxCost = 1_000_000_000m;

    public static IEndpointRouteBuilder MapKeyQuotaEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/platform-keys").WithTags("Admin: upstream key quotas");
        group.MapGet("/{id:long}/quota", GetAsync)
            .WithSummary("Shows an upstream key's quota and what it used in the current window.")
            .Produces<KeyQuotaView>();
        group.MapPut("/{id:long}/quota", SetAsync)
            .WithSummary("Sets an upstream key's quota: tokens and/or cost (USD at provider prices) per period (day, week, month); neither removes it.")
            .Accepts<KeyQuotaRequest>("application/json")
            .Produces<KeyQuotaView>();
        group.MapDelete("/{id:long}/quota", DeleteAsync)
            .WithSummary("Removes an upstream key's quota.")
            .Produces<KeyQuotaView>();
        return routes;
    }

    private static Task<IResult> GetAsync(long id, ISwitchboardStore store, KeyQuotaService quotas, CancellationToken cancellationToken) =>
        ViewAsync(id, store, quotas, cancellationToken);

    private static async Task<IResult> SetAsync(
        long id, HttpContext context, ISwitchboardStore store, IKeyQuotaStore quotaStore, SwitchboardRuntime runtime, KeyQuotaService quotas, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<KeyQuotaRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (request!.Tokens is < 0)
        {
            return AdminResults.Error(JsonRequest.Invalid("tokens", "'tokens' must be a whole number of at least 0, or null for no token limit."));
        }

        if (request.Cost is < 0 or > MaxCost)
        {
            return AdminResults.Error(JsonRequest.Invalid("cost", $"'cost' must be between 0 and {MaxCost} USD, or null for no cost limit."));
        }

        var period = request.Period is null ? BudgetPeriod.Month : LimitFields.ParsePeriod(request.Period);
        if (period is null or BudgetPeriod.Total)
        {
            return AdminResults.Error(JsonRequest.Invalid("period", "'period' must be 'day', 'week' or 'month'."));
        }

        var quota = new KeyQuotaConfig { Tokens = request.Tokens, Cost = request.Cost, Period = period.Value };
        return await ApplyAsync(context, id, quota.Any ? quota : null, store, quotaStore, runtime, quotas, cancellationToken);
    }

    private static Task<IResult> DeleteAsync(
        long id, HttpContext context, ISwitchboardStore store, IKeyQuotaStore quotaStore, SwitchboardRuntime runtime, KeyQuotaService quotas, CancellationToken cancellationToken) =>
        ApplyAsync(context, id, null, store, quotaStore, runtime, quotas, cancellationToken);

    private static async Task<IResult> ApplyAsync(
        HttpContext context, long id, KeyQuotaConfig? quota, ISwitchboardStore store, IKeyQuotaStore quotaStore, SwitchboardRuntime runtime, KeyQuotaService quotas, CancellationToken cancellationToken)
    {
        var before = (await store.LoadAsync(cancellationToken)).Keys.FirstOrDefault(k => k.Id == id);
        if (before is null || !await quotaStore.SetKeyQuotaAsync(id, quota, cancellationToken))
        {
            return NotFound(id);
        }

        await runtime.ReloadAsync(cancellationToken);
        await context.AuditAsync(quota is null ? AuditActions.PlatformKeyQuotaRemove : AuditActions.PlatformKeyQuotaSet, AuditTargets.PlatformKey, id,
            AuditSnapshots.Key(before), AuditSnapshots.Key(before with { Quota = quota }));
        await quotas.RefreshAsync(cancellationToken);
        return await ViewAsync(id, store, quotas, cancellationToken);
    }

    private static async Task<IResult> ViewAsync(long id, ISwitchboardStore store, KeyQuotaService quotas, CancellationToken cancellationToken)
    {
        var data = await store.LoadAsync(cancellationToken);
        if (data.Keys.FirstOrDefault(k => k.Id == id) is not { } key)
        {
            return NotFound(id);
        }

        var platform = data.Platforms.FirstOrDefault(p => p.Id == key.PlatformId)?.Name ?? "";
        return TypedResults.Ok(new KeyQuotaView(key.Id, platform, key.Masked, KeyQuotaLimitsView.From(key.Quota), KeyQuotaUsageView.From(quotas.Describe(id))));
    }

    private static IResult NotFound(long id) => AdminResults.Error(GatewayErrors.NotFound($"No upstream key with id {id}."));
}
