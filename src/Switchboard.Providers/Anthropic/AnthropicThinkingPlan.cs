using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Providers.Anthropic;

/// <summary>Decides the <c>thinking</c> field: the client's own object, a budget from <c>reasoning_effort</c>, or none.</summary>
/// <param name="ClientThinking">The client's <c>thinking</c> object, passed through as sent.</param>
/// <param name="EffortBudget">The budget derived from <c>reasoning_effort</c>, written as an enabled thinking block.</param>
/// <param name="Budget">The budget in force from any source (client, effort or extra body), for the <c>max_tokens</c> check.</param>
internal readonly record struct AnthropicThinkingPlan(JsonElement? ClientThinking, int? EffortBudget, int? Budget)
{
    /// <summary>Gets the budget for an OpenAI <c>reasoning_effort</c>, or null for <c>none</c>.</summary>
    /// <remarks>
    /// Anthropic's minimum budget is 1024, so <c>minimal</c> shares it with <c>low</c>; <c>xhigh</c> and <c>max</c>
    /// double <c>high</c>. Models that reject budgets need the <c>thinking</c> object sent explicitly.
    /// </remarks>
    public static bool TryBudgetFor(string effort, out int? budget)
    {
        budget = effort switch
        {
            "minimal" or "low" => 1024,
            "medium" => 4096,
            "high" => 16384,
            "xhigh" or "max" => 32768,
            _ => null,
        };
        return budget is not null || effort == "none";
    }

    public static UpstreamError? TryCreate(JsonElement root, UpstreamTarget target, out AnthropicThinkingPlan plan)
    {
        plan = default;
        if (root.TryGetProperty("thinking", out var thinking) && thinking.ValueKind != JsonValueKind.Null)
        {
            if (thinking.ValueKind != JsonValueKind.Object)
            {
                return AnthropicRequestErrors.Invalid("thinking", "'thinking' must be an object such as {\"type\":\"enabled\",\"budget_tokens\":2048}.");
            }

            plan = new AnthropicThinkingPlan(thinking, null, BudgetOf(thinking));
            return null;
        }

        if (root.TryGetProperty("reasoning_effort", out var effort) && effort.ValueKind != JsonValueKind.Null)
        {
            if (effort.ValueKind != JsonValueKind.String || !TryBudgetFor(effort.GetString()!, out var budget))
            {
                return AnthropicRequestErrors.Invalid("reasoning_effort", "'reasoning_effort' must be one of none, minimal, low, medium, high, xhigh or max.");
            }

            plan = new AnthropicThinkingPlan(null, budget, budget);
            return null;
        }

        // Extra body is merged later; its thinking budget still constrains max_tokens.
        var extra = ExtraBodyThinking(target.ExtraBody) ?? ExtraBodyThinking(target.Endpoint.ExtraBody);
        plan = new AnthropicThinkingPlan(null, null, extra is { } e ? BudgetOf(e) : null);
        return null;
    }

    private static JsonElement? ExtraBodyThinking(JsonElement? extraBody) =>
        extraBody is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("thinking", out var t) && t.ValueKind == JsonValueKind.Object ? t : null;

    private static int? BudgetOf(JsonElement thinking) =>
        thinking.TryGetProperty("type", out var type) && type.ValueEquals("enabled"u8)
        && thinking.TryGetProperty("budget_tokens", out var budget) && budget.TryGetInt32(out var value) ? value : null;
}
