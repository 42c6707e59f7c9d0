namespace Switchboard.Console.Pages.Users;

/// <summary>Reads one automatic slot repair: the slot, the model it left and the one it moved to, and why.</summary>
public sealed record RepairItem(long Id, string UserId, string UsageKey, string FromModel, string ToModel, string Reason, DateTimeOffset RepairedAt);
