using System.Data.Common;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Tenancy;

/// <summary>Maps <see cref="LimitSettings"/> to the five limit columns that <c>users</c> and <c>virtual_keys</c> share.</summary>
internal static class LimitColumns
{
    /// <summary>The columns in the order <see cref="Read"/> expects them.</summary>
    public const string Names = "budget, budget_period, rpm_limit, tpm_limit, max_parallel";

    /// <summary>The matching parameter names, for an <c>INSERT ... VALUES</c>.</summary>
    public const string Values = "@budget, @budget_period, @rpm_limit, @tpm_limit, @max_parallel";

    /// <summary>The <c>SET</c> list of an update.</summary>
    public const string Assignments = "budget = @budget, budget_period = @budget_period, rpm_limit = @rpm_limit, " +
        "tpm_limit = @tpm_limit, max_parallel = @max_parallel";

    /// <summary>Reads the five columns starting at <paramref name="first"/>.</summary>
    /// <remarks>Returns the shared <see cref="LimitSettings.None"/> when nothing is limited, so unlimited rows cost no allocation.</remarks>
    public static LimitSettings Read(Dialect dialect, DbDataReader reader, int first)
    {
        var limits = new LimitSettings
        {
            Budget = dialect.ReadMoneyOrNull(reader, first),
            BudgetPeriod = EnumText.ParseBudgetPeriod(reader.GetString(first + 1)),
            RequestsPerMinute = reader.GetInt32OrNull(first + 2),
            TokensPerMinute = reader.GetInt64OrNull(first + 3),
            MaxParallel = reader.GetInt32OrNull(first + 4),
        };
        return limits == LimitSettings.None ? LimitSettings.None : limits;
    }

    /// <summary>Gets the parameters for <see cref="Values"/> or <see cref="Assignments"/>.</summary>
    public static (string Name, object? Value)[] Parameters(Dialect dialect, LimitSettings limits) =>
    [
        ("@budget", dialect.MoneyOrNull(limits.Budget)),
        ("@budget_period", EnumText.ToText(limits.BudgetPeriod)),
        ("@rpm_limit", limits.RequestsPerMinute),
        ("@tpm_limit", limits.TokensPerMinute),
        ("@max_parallel", limits.MaxParallel),
    ];
}
