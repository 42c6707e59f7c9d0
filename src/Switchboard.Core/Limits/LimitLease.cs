using Switchboard.Abstractions.Tenancy;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Limits;

/// <summary>What one admitted request holds: its in-flight slots and its budget and token reservations, released once when it ends.</summary>
/// <param name="gate">The gate that admitted the request.</param>
/// <param name="charges">The durable charges, in the order they were asked for.</param>
/// <param name="admission">The store's answer, which says how much of each budget was reserved.</param>
/// <param name="confirmed">False when the store could not be reached and the request was admitted unchecked; its spend is charged at settlement.</param>
/// <param name="parallelScopes">The scopes whose parallel slot the request holds.</param>
internal sealed class LimitLease(LimitGate gate, IReadOnlyList<LimitCharge> charges, LimitAdmission admission, bool confirmed, IReadOnlyList<string> parallelScopes)
{
    private int _settled;

    public IReadOnlyList<LimitCharge> Charges { get; } = charges;

    public LimitAdmission Admission { get; } = admission;

    public bool Confirmed { get; } = confirmed;

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
