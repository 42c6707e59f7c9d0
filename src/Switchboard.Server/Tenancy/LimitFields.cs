using System.Text.Json;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Errors;

using Switchboard.Server.Http;

namespace Switchboard.Server.Tenancy;

/// <summary>Reads the budget and rate-limit fields shared by users and virtual keys: <c>budget</c>, <c>budget_period</c>, <c>rpm</c>, <c>tpm</c>, <c>max_parallel</c>.</summary>
internal static class LimitFields
{
    // Budgets are counted in nano-USD in a 64-bit column; a billion dollars keeps far from overflow.
    private const decimal MaxBudget = 1_000_000_000m;

    public static string PeriodName(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Day => "day",
        BudgetPeriod.Week => "week",
        BudgetPeriod.Month => "month",
        _ => "total",
    };

    public static BudgetPeriod? ParsePeriod(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "day" or "daily" => BudgetPeriod.Day,
        "week" or "weekly" => BudgetPeriod.Week,
        "month" or "monthly" => BudgetPeriod.Month,
        "total" or "lifetime" => BudgetPeriod.Total,
        _ => null,
    };

    /// <summary>Applies the limit fields the body has over <paramref name="current"/>: an absent field keeps its value, <c>null</c> removes the limit.</summary>
    public static (LimitSettings Limits, GatewayError? Error) Apply(LimitSettings current, JsonElement root, decimal? budget, string? budgetPeriod, int? rpm, long? tpm, int? maxParallel)
    {
        var limits = current;
        if (JsonRequest.Has(root, "budget"))
        {
            if (budget is < 0 or > MaxBudget)
            {
                return (current, JsonRequest.Invalid("budget", $"'budget' must be between 0 and {MaxBudget} USD, or null for no budget."));
            }

            limits = limits with { Budget = budget };
        }

        if (JsonRequest.Has(root, "budget_period"))
        {
            if (budgetPeriod is null)
            {
                limits = limits with { BudgetPeriod = BudgetPeriod.Month };
            }
            else if (ParsePeriod(budgetPeriod) is { } period)
            {
                limits = limits with { BudgetPeriod = period };
            }
            else
            {
                return (current, JsonRequest.Invalid("budget_period", "'budget_period' must be 'day', 'week', 'month' or 'total'."));
            }
        }

        if (JsonRequest.Has(root, "rpm"))
        {
            if (rpm is < 1)
            {
                return (current, JsonRequest.Invalid("rpm", "'rpm' must be at least 1, or null for no limit."));
            }

            limits = limits with { RequestsPerMinute = rpm };
        }

        if (JsonRequest.Has(root, "tpm"))
        {
            if (tpm is < 1)
            {
                return (current, JsonRequest.Invalid("tpm", "'tpm' must be at least 1, or null for no limit."));
            }

            limits = limits with { TokensPerMinute = tpm };
        }

        if (JsonRequest.Has(root, "max_parallel"))
        {
            if (maxParallel is < 1)
            {
                return (current, JsonRequest.Invalid("max_parallel", "'max_parallel' must be at least 1, or null for no limit."));
            }

            limits = limits with { MaxParallel = maxParallel };
        }

        return (limits, null);
    }
}
