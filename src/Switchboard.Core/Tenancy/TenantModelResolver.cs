using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Errors;
using Switchboard.Core.Routing;

namespace Switchboard.Core.Tenancy;

/// <summary>Resolves a request's <c>model</c> (a catalog id, a <c>Platform/Model</c> address or <c>slot:name</c>) for one caller.</summary>
/// <remarks>
/// A slot whose model was removed, disabled, hidden or is no longer allowed is repaired to the first allowed default
/// (the tier's default for that slot, then its other defaults, then the first allowed listed model); the repair is stored
/// and the request goes on with the repaired model. The repair is also kept in the snapshot so it happens once.
/// </remarks>
internal sealed partial class TenantModelResolver(ITenancyStore? store, TimeProvider time, ILogger logger)
{
    public async ValueTask<ModelResolution> ResolveAsync(TenantView view, string requested, string type, CancellationToken cancellationToken)
    {
        if (view.IsDisabled)
        {
            return ModelResolution.Fail(GatewayErrors.UserDisabled());
        }

        if (requested.StartsWith(UsageSlots.ModelPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return await ResolveSlotAsync(view, UsageSlots.Normalize(requested[UsageSlots.ModelPrefix.Length..]), type, cancellationToken).ConfigureAwait(false);
        }

        var model = view.Find(requested);
        if (model is null)
        {
            return ModelResolution.Fail(GatewayErrors.ModelNotFound(requested));
        }

        if (view.Denial(model) is { } reason)
        {
            return ModelResolution.Fail(GatewayErrors.ModelNotAllowed(requested, reason));
        }

        return Keyed(view, model, null, type);
    }

    /// <summary>Returns the model a slot resolves to for a caller, repairing it when needed (used by listings and the dispatcher query too).</summary>
    public async ValueTask<ModelResolution> ResolveSlotAsync(TenantView view, string slot, string type, CancellationToken cancellationToken)
    {
        var state = view.State;
        var record = state.FindSlot(view.UserId, slot);
        CatalogEntry? bound;
        string boundName;
        if (record is null)
        {
            if (!view.Rule.Slots.TryGetValue(slot, out var tierDefault) && !UsageSlots.BuiltIn.Any(b => b.Key == slot))
            {
                return ModelResolution.Fail(GatewayErrors.SlotNotFound(slot));
            }

            boundName = tierDefault ?? view.Rule.Slots.GetValueOrDefault(UsageSlots.Main) ?? "";
            bound = boundName.Length == 0 ? null : view.Find(boundName);
        }
        else
        {
            bound = record.PlatformModelId is { } id ? view.FindByPlatformModelId(id)
                : record.CatalogModel is { } catalogId ? view.Find(catalogId)
                : null;
            boundName = record.CatalogModel ?? (record.PlatformModelId is { } pid && state.ModelsById.TryGetValue(pid, out var m) ? m.DisplayName : "(removed)");
        }

        var problem = Problem(view, bound, type);
        if (problem is null)
        {
            return Keyed(view, bound!, slot, type);
        }

        var replacement = Candidates(view, slot).Select(view.Find).FirstOrDefault(c => Problem(view, c, type) is null);
        if (replacement is null)
        {
            return ModelResolution.Fail(GatewayErrors.NoSource($"slot:{slot}", null) with
            {
                Message = $"The usage slot '{slot}' names a model that cannot be used ({problem}) and no allowed default is available.",
            });
        }

        if (record is not null)
        {
            await RecordRepairAsync(view, record, boundName, replacement, problem, cancellationToken).ConfigureAwait(false);
        }

        return Keyed(view, replacement, slot, type);
    }

    private async ValueTask RecordRepairAsync(TenantView view, UsageSlotRecord record, string from, CatalogEntry to, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var repaired = record with { CatalogModel = to.Id, PlatformModelId = null, UpdatedAt = now };
        view.State.RepairedSlots[(record.UserId, record.Slot)] = repaired;
        LogRepaired(logger, record.UserId, record.Slot, from, to.Id, reason);
        if (store is null)
        {
            return;
        }

        try
        {
            await store.RepairSlotAsync(repaired, new SlotRepairRecord
            {
                UserId = record.UserId,
                Slot = record.Slot,
                FromModel = from,
                ToModel = to.Id,
                Reason = reason,
                RepairedAt = now,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The request must still succeed on the repaired model; the in-memory repair holds until the store is back.
            LogRepairNotStored(logger, e, record.UserId, record.Slot);
        }
    }

    private static IEnumerable<string> Candidates(TenantView view, string slot)
    {
        var rule = view.Rule;
        if (rule.Slots.TryGetValue(slot, out var first))
        {
            yield return first;
        }

        if (rule.Slots.TryGetValue(UsageSlots.Main, out var main))
        {
            yield return main;
        }

        foreach (var model in rule.Slots.Values)
        {
            yield return model;
        }

        foreach (var model in view.Snapshot.ListedModels)
        {
            yield return model.Id;
        }
    }

    private static string? Problem(TenantView view, CatalogEntry? model, string type)
    {
        if (model is null || model.Sources.Count == 0)
        {
            return "model_removed";
        }

        if (!string.Equals(model.Type, type, StringComparison.OrdinalIgnoreCase))
        {
            return "wrong_type";
        }

        if (view.IsHidden(model))
        {
            return "platform_hidden";
        }

        return view.Denial(model) is null ? null : "not_allowed";
    }

    private static ModelResolution Keyed(TenantView view, CatalogEntry model, string? slot, string type)
    {
        if (!string.Equals(model.Type, type, StringComparison.OrdinalIgnoreCase))
        {
            return ModelResolution.Fail(GatewayErrors.InvalidRequest(
                $"The model '{model.Id}' is a {model.Type} model and cannot serve this endpoint.", "model", "wrong_model_type"));
        }

        var keyed = view.WithCallerKeys(model, out var keyless);
        return keyed.Sources.Count == 0 && keyless is not null
            ? ModelResolution.Fail(GatewayErrors.NoApiKey(keyless))
            : new ModelResolution(keyed, slot, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage slot '{Slot}' of user '{UserId}' repaired: '{From}' -> '{To}' ({Reason}).")]
    private static partial void LogRepaired(ILogger logger, string userId, string slot, string from, string to, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The repair of usage slot '{Slot}' of user '{UserId}' could not be stored; it holds in memory until the next reload.")]
    private static partial void LogRepairNotStored(ILogger logger, Exception exception, string userId, string slot);
}
