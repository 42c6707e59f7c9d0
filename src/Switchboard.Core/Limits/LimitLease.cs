using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Limits;

/// <summary>What one admitted request holds: its in-flight slots and what it took from this replica's slices, released once when it ends.</summary>
/// <param name="gate">The gate that admitted the request.</param>
/// <param name="takes">The slices the request took from, with the amounts taken (zero amounts when it was admitted unchecked).</param>
/// <param name="confirmed">False when the store could not be reached and the request was admitted unchecked; its spend and its request are charged at settlement.</param>
/// <param name="parallelScopes">The scopes whose parallel slot the request holds.</param>
internal sealed class LimitLease(LimitGate gate, SliceTake[] takes, bool confirmed, IReadOnlyList<string> parallelScopes)
{
    private int _settled;

    public SliceTake[] Takes { get; } = takes;

    public bool Confirmed { get; } = confirmed;

    public IReadOnlyList<string> ParallelScopes { get; } = parallelScopes;

    /// <summary>Releases the in-flight slots and settles what was taken with the request's actual price and tokens.</summary>
    public void Settle(UsageRecord record)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            gate.Release(this, record);
        }
    }
}
