using System.Collections.Frozen;
using Microsoft.Extensions.Logging;

namespace Switchboard.Core.Tenancy;

/// <summary>Holds the tier rules in force: the stored ones over the built-in defaults.</summary>
/// <remarks>
/// Built-in defaults mirror the classic dispatcher: admin → the master model with the server's key pool and every model;
/// pro → the pro model, and the free tier's models too; free or an unknown tier → the free model. A stored rule that cannot
/// be parsed is logged and ignored, so a bad edit or an unreadable rule store falls back to the defaults instead of failing requests.
/// </remarks>
public sealed partial class TierRuleSet
{
    /// <summary>The built-in tier names.</summary>
    public const string Admin = "admin";

    /// <summary>The pro tier.</summary>
    public const string Pro = "pro";

    /// <summary>The free tier, also used for unknown tiers.</summary>
    public const string Free = "free";

    private readonly FrozenDictionary<string, TierRule> _rules;

    private TierRuleSet(FrozenDictionary<string, TierRule> rules) => _rules = rules;

    /// <summary>Gets every rule in force, built-in ones included.</summary>
    public IEnumerable<TierRule> All => _rules.Values.OrderBy(r => r.Tier, StringComparer.Ordinal);

    /// <summary>Returns the rule for a tier; an unknown tier gets the free rule.</summary>
    public TierRule For(string? tier) =>
        tier is not null && _rules.TryGetValue(tier, out var rule) ? rule : _rules[Free];

    /// <summary>Builds the rule set from stored settings; <paramref name="defaultModel"/> names the model used when options name none.</summary>
    public static TierRuleSet Build(IReadOnlyDictionary<string, string> settings, TenancyOptions options, string? defaultModel, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var master = options.MasterModel ?? defaultModel;
        var pro = options.ProModel ?? master;
        var free = options.FreeModel ?? pro;
        var rules = new Dictionary<string, TierRule>(StringComparer.OrdinalIgnoreCase)
        {
            [Admin] = new TierRule { Tier = Admin, Slots = SlotsFor(master), AllowsEverything = true, ServerKeys = true, IsBuiltIn = true },
            [Pro] = new TierRule { Tier = Pro, Slots = SlotsFor(pro), IncludesTiers = [Free], IsBuiltIn = true },
            [Free] = new TierRule { Tier = Free, Slots = SlotsFor(free), IsBuiltIn = true },
        };

        foreach (var (name, value) in settings)
        {
            if (!name.StartsWith(TenancySettingNames.TierRulePrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var tier = name[TenancySettingNames.TierRulePrefix.Length..];
            try
            {
                var stored = TierRule.Parse(tier, value);
                var fallback = rules.GetValueOrDefault(tier) ?? rules[Free];
                var slots = new Dictionary<string, string>(fallback.Slots, StringComparer.OrdinalIgnoreCase);
                foreach (var (slot, model) in stored.Slots)
                {
                    slots[slot] = model;
                }

                // The admin role keeps every model and the server keys whatever its stored rule says: an operator must not lock themselves out.
                rules[tier] = string.Equals(tier, Admin, StringComparison.OrdinalIgnoreCase)
                    ? stored with { Slots = slots, AllowsEverything = true, ServerKeys = true }
                    : stored with { Slots = slots };
            }
            catch (FormatException e)
            {
                LogBadRule(logger, name, e.Message);
            }
        }

        return new TierRuleSet(rules.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    private static Dictionary<string, string> SlotsFor(string? model)
    {
        var slots = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (model is not null)
        {
            foreach (var (key, _) in UsageSlots.BuiltIn)
            {
                slots[key] = model;
            }
        }

        return slots;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tier rule '{Name}' is ignored and the defaults apply: {Reason}")]
    private static partial void LogBadRule(ILogger logger, string name, string reason);
}
