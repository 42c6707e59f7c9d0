using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Abstractions.Storage;

/// <summary>Keeps budget and rate-limit counters in the database, so every replica sharing it enforces the same limits.</summary>
/// <remarks>
/// The gateway leases slices of budget and minute windows (<see cref="GrantSliceAsync"/>) and settles them in batches
/// (<see cref="SettleAsync"/>), so a request pays no round trip here. <see cref="TryAdmitAsync"/> charges one request
/// directly, in one transaction over all its scopes (either every counter is charged or none is). Money is counted in
/// nano-USD (1e-9) as integers, so the conditional update is exact in SQLite too.
/// </remarks>
public interface ILimitStore
{
    /// <summary>Charges every scope or none; returns which limit refused, if any.</summary>
    Task<LimitAdmission> TryAdmitAsync(IReadOnlyList<LimitCharge> charges, CancellationToken cancellationToken);

    /// <summary>Grants a slice of one scope's budget or minute window for a replica to spend from memory; returns what was granted or which limit refused.</summary>
    Task<LimitGrant> GrantSliceAsync(LimitSliceAsk ask, CancellationToken cancellationToken);

    /// <summary>Replaces reservations with actual spend and adds the tokens used.</summary>
    Task SettleAsync(IReadOnlyList<LimitSettlement> settlements, CancellationToken cancellationToken);

    /// <summary>Reads one scope's budget and minute counters for the given windows (one caller's own spend; lists read <see cref="ListBudgetCountersAsync"/>).</summary>
    Task<LimitCounters> GetCountersAsync(string scope, DateTimeOffset budgetWindowStart, DateTimeOffset minuteWindowStart, CancellationToken cancellationToken);

    /// <summary>Reads the budget counters of every scope starting with <paramref name="scopePrefix"/> in any of <paramref name="windowStarts"/> (at most 16), for lists that show spend against budget.</summary>
    Task<IReadOnlyList<BudgetCounter>> ListBudgetCountersAsync(string scopePrefix, IReadOnlyCollection<DateTimeOffset> windowStarts, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="holder"/> (one gateway process) is alive at <paramref name="now"/>.</summary>
    Task TouchHolderAsync(string holder, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives back the budget reservations of every holder not seen since <paramref name="staleBefore"/> (a process that died mid-request) and forgets the holder; returns how many holders went.</summary>
    Task<int> ReleaseAbandonedHoldsAsync(DateTimeOffset staleBefore, CancellationToken cancellationToken);

    /// <summary>Deletes minute counters older than the given instant; returns how many rows went.</summary>
    Task<int> PurgeMinuteCountersAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
