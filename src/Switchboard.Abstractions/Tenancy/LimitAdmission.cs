namespace Switchboard.Abstractions.Tenancy;

/// <summary>Says whether a request was admitted and, when not, which limit of which scope refused it.</summary>
public sealed record LimitAdmission
{
    /// <summary>Gets the admission of a request that every scope accepted.</summary>
    public static LimitAdmission Admitted { get; } = new() { Accepted = true };

    /// <summary>Gets a value indicating whether the request may proceed.</summary>
    public bool Accepted { get; init; }

    /// <summary>Gets the scope that refused.</summary>
    public string? Scope { get; init; }

    /// <summary>Gets which limit refused: <c>budget</c>, <c>rpm</c> or <c>tpm</c>.</summary>
    public string? Limit { get; init; }

    /// <summary>Gets, by scope, the budget reservations that were smaller than asked because only the budget's remainder was left; null when every reservation was made in full.</summary>
    public IReadOnlyDictionary<string, long>? PartialReservations { get; init; }

    /// <summary>Returns the amount reserved for <paramref name="charge"/>: its full reservation unless only a remainder was left.</summary>
    public long ReservedFor(LimitCharge charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        return charge.BudgetNanos is null ? 0
            : PartialReservations is not null && PartialReservations.TryGetValue(charge.Scope, out var partial) ? partial
            : charge.ReserveNanos;
    }
}
