namespace Switchboard.Abstractions.Tenancy;

/// <summary>Records one automatic repair of a usage slot whose model went away or stopped being allowed.</summary>
public sealed record SlotRepairRecord
{
    /// <summary>Gets the storage id.</summary>
    public long Id { get; init; }

    /// <summary>Gets the user id.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the slot key.</summary>
    public required string Slot { get; init; }

    /// <summary>Gets the model the slot named before (catalog id or <c>Platform/Model</c>).</summary>
    public required string FromModel { get; init; }

    /// <summary>Gets the model the slot names now.</summary>
    public required string ToModel { get; init; }

    /// <summary>Gets why the repair happened (for example <c>model_removed</c>, <c>not_allowed</c>).</summary>
    public required string Reason { get; init; }

    /// <summary>Gets when the repair happened.</summary>
    public DateTimeOffset RepairedAt { get; init; }
}
