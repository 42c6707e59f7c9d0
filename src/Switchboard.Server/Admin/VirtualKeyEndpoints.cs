using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Audit;
using Switchboard.Core.Auth;
using Switchboard.Core.Errors;
using Switchboard.Core.Limits;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Secrets;
using Switchboard.Hosting;
using Switchboard.Server.Audit;
using Switchboard.Server.Budgets;
using Switchboard.Server.Tenancy;

using Switchboard.Server.Http;

namespace Switchboard.Server.Admin;

/// <summary>Serves the admin API for virtual keys: create (shown once), list (masked), change allowlist and limits, and revoke.</summary>
internal static class VirtualKeyEndpoints
{
    public static IEndpointRouteBuilder MapVirtualKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/keys").WithTags("Admin: virtual keys");
        group.MapPost("/", CreateAsync)
            .WithSummary("Creates a virtual key, optionally with a model allowlist and its own budget and rate limits; the full key is returned once.")
            .Accepts<CreateVirtualKeyRequest>("application/json")
            .Produces<CreatedVirtualKey>(StatusCodes.Status201Created);
        group.MapGet("/", ListAsync).WithSummary("Lists virtual keys, masked, each with a budget showing its spend in the current window (spend: spent, reserved, remaining, used_percent, window_start, window_end).").Produces<KeyList>();
        group.MapPut("/{id:long}", UpdateAsync)
            .WithSummary("Changes a virtual key's name, expiry, model allowlist and limits; absent fields keep their value and a limit set to null is removed.")
            .Accepts<CreateVirtualKeyRequest>("application/json")
            .Produces<VirtualKeyView>();
        group.MapDelete("/{id:long}", RevokeAsync).WithSummary("Revokes a virtual key.");
        return routes;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ISwitchboardStore store, SwitchboardRuntime runtime, TimeProvider time, CancellationToken cancellationToken)
    {
        // The body is read by hand: a malformed one must be a 400 naming the field, never a binding exception.
        var (request, root, error) = await JsonRequest.ReadAsync<CreateVirtualKeyRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var (record, key, issueError) = await IssueAsync(request!, root, store, time, cancellationToken);
        if (issueError is not null)
        {
            return AdminResults.Error(issueError);
        }

        // The audit entry and the catch-up read are independent, so they overlap: the answer waits for the longer one only.
        await Task.WhenAll(
            runtime.ReloadAsync(cancellationToken),
            context.AuditAsync(AuditActions.VirtualKeyCreate, AuditTargets.VirtualKey, record!.Id, after: VirtualKeyView.From(record)));
        return TypedResults.Created($"/api/admin/keys/{record.Id}", CreatedVirtualKey.From(record, record.Id, key!));
    }

    /// <summary>Checks a create request and stores the new key; the route and the CLI's <c>keys create</c> on a local database share it.</summary>
    /// <param name="request">The request.</param>
    /// <param name="root">The request as JSON, to tell an absent limit from a null one.</param>
    /// <param name="store">The database.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored key with its id and the full key (to show once), or the error naming the field at fault.</returns>
    internal static async Task<(VirtualKeyRecord? Record, string? Key, GatewayError? Error)> IssueAsync(
        CreateVirtualKeyRequest request, JsonElement root, ISwitchboardStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var role = request.Role ?? Roles.User;
        if (role is not (Roles.User or Roles.Admin))
        {
            return (null, null, GatewayErrors.InvalidRequest("'role' must be 'user' or 'admin'.", "role", "invalid_value"));
        }

        if (request.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return (null, null, GatewayErrors.InvalidRequest("'expires_at' must be in the future.", "expires_at", "invalid_value"));
        }

        var (allowed, allowedError) = AllowedModels(request.AllowedModels);
        if (allowedError is not null)
        {
            return (null, null, allowedError);
        }

        var (limits, limitError) = LimitFields.Apply(LimitSettings.None, root, request.Budget, request.BudgetPeriod, request.Rpm, request.Tpm, request.MaxParallel);
        if ((limitError ?? CacheTtlError(request.CacheTtlSeconds)) is { } fieldError)
        {
            return (null, null, fieldError);
        }

        var key = VirtualKeyGenerator.Generate();
        var record = new VirtualKeyRecord
        {
            Hash = ApiKeyAuthenticator.HashHex(key),
            Masked = VirtualKeyGenerator.Mask(key),
            Name = request.Name,
            UserId = string.IsNullOrWhiteSpace(request.UserId) ? SystemUser.Id : request.UserId,
            Role = role,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = request.ExpiresAt,
            AllowedModels = allowed ?? [],
            Limits = limits,
            CacheTtlSeconds = request.CacheTtlSeconds,
        };
        var id = await store.InsertVirtualKeyAsync(record, cancellationToken);
        return (record with { Id = id }, key, null);
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext context, ISwitchboardStore store, ITenancyStore tenancyStore, SwitchboardRuntime runtime, TimeProvider time, CancellationToken cancellationToken)
    {
        var (request, root, error) = await JsonRequest.ReadAsync<CreateVirtualKeyRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (request!.Role is not null || request.UserId is not null)
        {
            // A key's user and role decide who it acts as; changing them would silently re-purpose a key already handed out.
            return AdminResults.Error(GatewayErrors.InvalidRequest("A key's 'user_id' and 'role' cannot change; create a new key instead.", request.Role is not null ? "role" : "user_id", "immutable_field"));
        }

        var current = await store.GetVirtualKeyAsync(id, cancellationToken);
        if (current is null || current.RevokedAt is not null)
        {
            return AdminResults.Error(GatewayErrors.NotFound($"No virtual key with id {id}."));
        }

        if (request.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return AdminResults.Error(GatewayErrors.InvalidRequest("'expires_at' must be in the future.", "expires_at", "invalid_value"));
        }

        var (allowed, allowedError) = AllowedModels(request.AllowedModels);
        if (allowedError is not null)
        {
            return AdminResults.Error(allowedError);
        }

        var (limits, limitError) = LimitFields.Apply(current.Limits, root, request.Budget, request.BudgetPeriod, request.Rpm, request.Tpm, request.MaxParallel);
        if ((limitError ?? CacheTtlError(request.CacheTtlSeconds)) is { } fieldError)
        {
            return AdminResults.Error(fieldError);
        }

        var updated = current with
        {
            Name = JsonRequest.Has(root, "name") ? request.Name : current.Name,
            ExpiresAt = JsonRequest.Has(root, "expires_at") ? request.ExpiresAt : current.ExpiresAt,
            AllowedModels = JsonRequest.Has(root, "allowed_models") ? allowed ?? [] : current.AllowedModels,
            Limits = limits,
            CacheTtlSeconds = JsonRequest.Has(root, "cache_ttl_seconds") ? request.CacheTtlSeconds : current.CacheTtlSeconds,
        };
        if (!await tenancyStore.UpdateVirtualKeyAsync(updated, null, cancellationToken))
        {
            return AdminResults.Error(GatewayErrors.NotFound($"No virtual key with id {id}."));
        }

        await runtime.ReloadAsync(cancellationToken);
        var view = VirtualKeyView.From(updated);
        await context.AuditAsync(AuditActions.VirtualKeyUpdate, AuditTargets.VirtualKey, id, VirtualKeyView.From(current), view);
        return TypedResults.Ok(view);
    }

    /// <summary>Returns the 400 for a response-cache lifetime outside 1 second to a year, else null (null itself turns the key's opt-in off).</summary>
    private static GatewayError? CacheTtlError(int? seconds) => seconds is < 1 or > Switchboard.Catalog.CatalogBatchRules.MaxCacheTtlSeconds
        ? GatewayErrors.InvalidRequest($"'cache_ttl_seconds' must be between 1 and {Switchboard.Catalog.CatalogBatchRules.MaxCacheTtlSeconds}, or null for no opt-in.", "cache_ttl_seconds", "invalid_value")
        : null;

    private static (IReadOnlyList<string>? Models, GatewayError? Error) AllowedModels(IReadOnlyList<string?>? models)
    {
        if (models is null)
        {
            return (null, null);
        }

        if (models.Count > 1000 || models.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > 255))
        {
            return (null, GatewayErrors.InvalidRequest("'allowed_models' must be at most 1000 non-empty model ids.", "allowed_models", "invalid_value"));
        }

        return ([.. models.Select(m => m!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)], null);
    }

    private static async Task<IResult> ListAsync(ISwitchboardStore store, ILimitStore limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var data = await store.LoadAsync(cancellationToken);
        var spend = await BudgetSpendReader.ReadAsync(limits, LimitScopes.KeyPrefix, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new KeyList([.. data.VirtualKeys.Select(k => VirtualKeyView.From(k) with { Spend = spend.Spend(LimitScopes.Key(k.Id), k.Limits) })]));
    }

    private static async Task<IResult> RevokeAsync(long id, HttpContext context, ISwitchboardStore store, SwitchboardRuntime runtime, TimeProvider time, CancellationToken cancellationToken)
    {
        var before = await store.GetVirtualKeyAsync(id, cancellationToken);
        var revokedAt = time.GetUtcNow();
        if (!await store.RevokeVirtualKeyAsync(id, revokedAt, cancellationToken))
        {
            return AdminResults.Error(GatewayErrors.NotFound($"No virtual key with id {id}."));
        }

        await runtime.ReloadAsync(cancellationToken);
        await context.AuditAsync(AuditActions.VirtualKeyRevoke, AuditTargets.VirtualKey, id,
            before is null ? null : VirtualKeyView.From(before), before is null ? null : VirtualKeyView.From(before with { RevokedAt = before.RevokedAt ?? revokedAt }));
        return TypedResults.NoContent();
    }

    internal sealed record CreateVirtualKeyRequest(
        [property: JsonPropertyName("name")] string? Name = null,
        [property: JsonPropertyName("user_id")] string? UserId = null,
        [property: JsonPropertyName("role")] string? Role = null,
        [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt = null,
        [property: JsonPropertyName("allowed_models")] IReadOnlyList<string?>? AllowedModels = null,
        [property: JsonPropertyName("budget")] decimal? Budget = null,
        [property: JsonPropertyName("budget_period")] string? BudgetPeriod = null,
        [property: JsonPropertyName("rpm")] int? Rpm = null,
        [property: JsonPropertyName("tpm")] long? Tpm = null,
        [property: JsonPropertyName("max_parallel")] int? MaxParallel = null,
        [property: JsonPropertyName("cache_ttl_seconds")] int? CacheTtlSeconds = null);

    internal sealed record CreatedVirtualKey(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("masked")] string Masked,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("user_id")] string UserId,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
        [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
        [property: JsonPropertyName("allowed_models")] IReadOnlyList<string> AllowedModels,
        [property: JsonPropertyName("budget")] decimal? Budget,
        [property: JsonPropertyName("budget_period")] string BudgetPeriod,
        [property: JsonPropertyName("rpm")] int? Rpm,
        [property: JsonPropertyName("tpm")] long? Tpm,
        [property: JsonPropertyName("max_parallel")] int? MaxParallel)
    {
        public static CreatedVirtualKey From(VirtualKeyRecord k, long id, string key) =>
            new(id, key, k.Masked, k.Name, k.UserId, k.Role, k.CreatedAt, k.ExpiresAt, k.AllowedModels, k.Limits.Budget,
                LimitFields.PeriodName(k.Limits.BudgetPeriod), k.Limits.RequestsPerMinute, k.Limits.TokensPerMinute, k.Limits.MaxParallel);
    }

    internal sealed record VirtualKeyView(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("masked")] string Masked,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("user_id")] string UserId,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
        [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
        [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt,
        [property: JsonPropertyName("allowed_models")] IReadOnlyList<string> AllowedModels,
        [property: JsonPropertyName("budget")] decimal? Budget,
        [property: JsonPropertyName("budget_period")] string BudgetPeriod,
        [property: JsonPropertyName("rpm")] int? Rpm,
        [property: JsonPropertyName("tpm")] long? Tpm,
        [property: JsonPropertyName("max_parallel")] int? MaxParallel,
        [property: JsonPropertyName("cache_ttl_seconds")] int? CacheTtlSeconds = null)
    {
        /// <summary>Gets the spend against the budget in its current window (the keys list only; null without a budget).</summary>
        [JsonPropertyName("spend")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public BudgetSpendView? Spend { get; init; }

        public static VirtualKeyView From(VirtualKeyRecord k) =>
            new(k.Id, k.Masked, k.Name, k.UserId, k.Role, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.AllowedModels, k.Limits.Budget,
                LimitFields.PeriodName(k.Limits.BudgetPeriod), k.Limits.RequestsPerMinute, k.Limits.TokensPerMinute, k.Limits.MaxParallel, k.CacheTtlSeconds);
    }

    internal sealed record KeyList([property: JsonPropertyName("data")] IReadOnlyList<VirtualKeyView> Data);
}
