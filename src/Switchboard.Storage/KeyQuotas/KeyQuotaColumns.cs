using System.Data.Common;
using Switchboard.Abstractions.Configuration;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.KeyQuotas;

/// <summary>Maps <see cref="KeyQuotaConfig"/> to the three quota columns of <c>platform_keys</c>.</summary>
internal static class KeyQuotaColumns
{
    /// <summary>The columns in the order <see cref="Read"/> expects them.</summary>
    public const string Names = "quota_tokens, quota_cost, quota_period";

    /// <summary>The matching parameter names, for an <c>INSERT ... VALUES</c>.</summary>
    public const string Values = "@quota_tokens, @quota_cost, @quota_period";

    /// <summary>The <c>SET</c> list of an update.</summary>
    public const string Assignments = "quota_tokens = @quota_tokens, quota_cost = @quota_cost, quota_period = @quota_period";

    /// <summary>Reads the three columns starting at <paramref name="first"/>; a key without limits has no quota.</summary>
    public static KeyQuotaConfig? Read(Dialect dialect, DbDataReader reader, int first)
    {
        var tokens = reader.GetInt64OrNull(first);
        var cost = dialect.ReadMoneyOrNull(reader, first + 1);
        if (tokens is null && cost is null)
        {
            return null;
        }

        return new KeyQuotaConfig
        {
            Tokens = tokens,
            Cost = cost,
            Period = reader.IsDBNull(first + 2) ? new KeyQuotaConfig().Period : EnumText.ParseBudgetPeriod(reader.GetString(first + 2)),
        };
    }

    /// <summary>Gets the parameters for <see cref="Values"/> or <see cref="Assignments"/>; no quota writes three nulls.</summary>
    public static (string Name, object? Value)[] Parameters(Dialect dialect, KeyQuotaConfig? quota) => quota is { Any: true }
        ? [("@quota_tokens", quota.Tokens), ("@quota_cost", dialect.MoneyOrNull(quota.Cost)), ("@quota_period", EnumText.ToText(quota.Period))]
        : [("@quota_tokens", null), ("@quota_cost", null), ("@quota_period", null)];
}
