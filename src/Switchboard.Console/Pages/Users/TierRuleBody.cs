namespace Switchboard.Console.Pages.Users;

/// <summary>Writes a tier rule's editable fields, the starting text of the rule editor.</summary>
public sealed record TierRuleBody(
    IReadOnlyDictionary<string, string> Slots,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> IncludesTiers,
    bool? ServerKeys);
