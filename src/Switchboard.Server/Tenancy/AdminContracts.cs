using System.Text.Json.Serialization;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Tenancy;
using Switchboard.Server.Budgets;

namespace Switchboard.Server.Tenancy;

/// <summary>The body of <c>PUT /api/admin/users/{id}</c>; absent fields keep their value, and a limit set to <c>null</c> is removed.</summary>
internal sealed record UserUpsertRequest(
    [property: JsonPropertyName("role")] string? Role = null,
    [property: JsonPropertyName("tier")] string? Tier = null,
    [property: JsonPropertyName("status")] string? Status = null,
    [property: JsonPropertyName("display_name")] string? DisplayName = null,
    [property: JsonPropertyName("budget")] decimal? Budget = null,
    [property: JsonPropertyName("budget_period")] string? BudgetPeriod = null,
    [property: JsonPropertyName("rpm")] int? Rpm = null,
    [property: JsonPropertyName("tpm")] long? Tpm = null,
    [property: JsonPropertyName("max_parallel")] int? MaxParallel = null);

/// <summary>A user as the admin API shows it.</summary>
internal sealed record UserView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("tier")] string Tier,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("budget")] decimal? Budget,
    [property: JsonPropertyName("budget_period")] string BudgetPeriod,
    [property: JsonPropertyName("rpm")] int? Rpm,
    [property: JsonPropertyName("tpm")] long? Tpm,
    [property: JsonPropertyName("max_parallel")] int? MaxParallel,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt)
{
    /// <summary>Gets the spend against the budget in its current window (the users list only; null without a budget).</summary>
    [JsonPropertyName("spend")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BudgetSpendView? Spend { get; init; }

    public static UserView From(UserRecord user) => new(
        user.Id, user.Role, user.Tier, user.Status == UserStatus.Disabled ? "disabled" : "active", user.DisplayName,
        user.Limits.Budget, LimitFields.PeriodName(user.Limits.BudgetPeriod), user.Limits.RequestsPerMinute, user.Limits.TokensPerMinute,
        user.Limits.MaxParallel, user.CreatedAt, user.UpdatedAt);
}

/// <summary>The body of <c>PUT /api/admin/users/{id}/slots/{slot}</c>: a catalog model, or the classic platform/model ids.</summary>
internal sealed record SlotSetRequest(
    [property: JsonPropertyName("model")] string? Model = null,
    [property: JsonPropertyName("platform_id")] long? PlatformId = null,
    [property: JsonPropertyName("model_id")] long? ModelId = null,
    [property: JsonPropertyName("usage_label")] string? UsageLabel = null);

/// <summary>One automatic slot repair.</summary>
internal sealed record SlotRepairView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("usage_key")] string UsageKey,
    [property: JsonPropertyName("from_model")] string FromModel,
    [property: JsonPropertyName("to_model")] string ToModel,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("repaired_at")] DateTimeOffset RepairedAt)
{
    public static SlotRepairView From(SlotRepairRecord repair) =>
        new(repair.Id, repair.UserId, repair.Slot, repair.FromModel, repair.ToModel, repair.Reason, repair.RepairedAt);
}

/// <summary>A tier rule in force, stored or built in.</summary>
internal sealed record TierRuleView(
    [property: JsonPropertyName("tier")] string Tier,
    [property: JsonPropertyName("slots")] IReadOnlyDictionary<string, string> Slots,
    [property: JsonPropertyName("models")] IReadOnlyList<string> Models,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("includes_tiers")] IReadOnlyList<string> IncludesTiers,
    [property: JsonPropertyName("server_keys")] bool? ServerKeys,
    [property: JsonPropertyName("allows_everything")] bool AllowsEverything,
    [property: JsonPropertyName("built_in")] bool BuiltIn)
{
    public static TierRuleView From(TierRule rule) => new(
        rule.Tier, new SortedDictionary<string, string>(rule.Slots.ToDictionary(), StringComparer.Ordinal), rule.Models, rule.Tags,
        rule.IncludesTiers, rule.ServerKeys, rule.AllowsEverything, rule.IsBuiltIn);
}

/// <summary>The body of <c>PUT /api/admin/tiers/{tier}</c>, for the OpenAPI document; the route stores the JSON text as sent and <see cref="TierRule.Parse"/> checks it.</summary>
internal sealed record TierRuleRequest(
    [property: JsonPropertyName("slots")] IReadOnlyDictionary<string, string>? Slots = null,
    [property: JsonPropertyName("models")] IReadOnlyList<string>? Models = null,
    [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags = null,
    [property: JsonPropertyName("includes_tiers")] IReadOnlyList<string>? IncludesTiers = null,
    [property: JsonPropertyName("server_keys")] bool? ServerKeys = null);

/// <summary>The tenancy settings: mode and AutoKey.</summary>
internal sealed record TenancySettingsView(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("auto_key")] bool AutoKey);

/// <summary>The body of <c>PUT /api/admin/tenancy</c>; absent fields keep their value.</summary>
internal sealed record TenancySettingsRequest(
    [property: JsonPropertyName("mode")] string? Mode = null,
    [property: JsonPropertyName("auto_key")] bool? AutoKey = null);

/// <summary>The body of <c>POST /api/admin/dispatch</c>.</summary>
internal sealed record DispatchRequest(
    [property: JsonPropertyName("user_ids")] IReadOnlyList<string>? UserIds = null,
    [property: JsonPropertyName("usage_key")] string? UsageKey = null);
