using Switchboard.Abstractions.Tenancy;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Limits;

/// <summary>What one admitted request holds: its in-flight slots and its budget reservations, released once when it ends.</summary>
internal sealed class LimitLease(LimitGate gate, IReadOnlyList<LimitCharge> charges, IReadOnlyList<string> parallelScopes)
{
    private int _settled;

    public IReadOnlyList<LimitCharge> Charges { get; } = charges;

    public IReadOnlyList<string> ParallelScopes { get; } = parallelScopes;

    /// <summary>Releases the in-flight slots and settles the reservations with the request's actual price and tokens.</summary>
    public void Settle(UsageRecord record)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            gate.Release(this, record);
        }
    }
}
