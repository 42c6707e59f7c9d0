namespace Switchboard.Console.Pages.Users;

/// <summary>Reads one tier rule in force, stored or built in.</summary>
public sealed record TierItem(
    string Tier,
    IReadOnlyDictionary<string, string> Slots,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> IncludesTiers,
    bool? ServerKeys,
    bool AllowsEverything,
    bool BuiltIn);
