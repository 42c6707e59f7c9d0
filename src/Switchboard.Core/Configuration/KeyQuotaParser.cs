using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Core.Configuration;

/// <summary>Reads a key's <c>quota</c> map: <c>tokens</c> and/or <c>cost</c> (USD at provider prices) per <c>period</c> (day, week or month).</summary>
internal static class KeyQuotaParser
{
    public static KeyQuotaConfig? Parse(YamlFieldReader reader, YamlField field)
    {
        if (reader.Mapping(field, "a map with tokens, cost and period") is not { } mapping)
        {
            return null;
        }

        var quota = new KeyQuotaConfig();
        foreach (var item in reader.Fields(mapping, field.Path))
        {
            switch (item.Name)
            {
                case "tokens":
                    quota = quota with { Tokens = Tokens(reader, item) };
                    break;
                case "cost":
                    quota = quota with { Cost = reader.Price(item) };
                    break;
                case "period":
                    quota = quota with { Period = Period(reader, item) };
                    break;
                default:
                    reader.WarnUnknown(item);
                    break;
            }
        }

        return quota.Any ? quota : throw reader.Error(mapping, field.Path, "expected tokens or cost (or both) in the quota");
    }

    private static long? Tokens(YamlFieldReader reader, YamlField field)
    {
        var value = reader.Price(field);
        return value is null ? null
            : value != decimal.Truncate(value.Value) || value > long.MaxValue ? throw reader.Error(field.Key, field.Path, "expected a whole number of tokens")
            : (long)value.Value;
    }

    private static BudgetPeriod Period(YamlFieldReader reader, YamlField field) => reader.String(field)?.ToLowerInvariant() switch
    {
        null or "month" or "monthly" => BudgetPeriod.Month,
        "day" or "daily" => BudgetPeriod.Day,
        "week" or "weekly" => BudgetPeriod.Week,
        _ => throw reader.Error(field.Key, field.Path, "expected day, week or month"),
    };
}
