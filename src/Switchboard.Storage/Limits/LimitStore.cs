using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Limits;

/// <summary>Stores budget and rate-limit counters and the reservations each gateway process holds (<see cref="ILimitStore"/>).</summary>
internal sealed class LimitStore(Dialect dialect) : ILimitStore
{
    /// <inheritdoc />
    /// <remarks>A refusal rolls the whole transaction back, so no scope keeps a partial charge.</remarks>
    public async Task<LimitAdmission> TryAdmitAsync(IReadOnlyList<LimitCharge> charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        foreach (var charge in charges)
        {
            ArgumentNullException.ThrowIfNull(charge, nameof(charges));
            ArgumentException.ThrowIfNullOrEmpty(charge.Scope, nameof(charges));
            ArgumentOutOfRangeException.ThrowIfNegative(charge.ReserveNanos, nameof(charges));
        }

        if (!charges.Any(c => c.BudgetNanos is not null || c.RequestsPerMinute is not null || c.TokensPerMinute is not null))
        {
            return LimitAdmission.Admitted;
        }

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var admission = await LimitCounterStore.TryAdmitAsync(session, charges, cancellationToken).ConfigureAwait(false);
        if (admission.Accepted)
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return admission;
    }

    /// <inheritdoc />
    public async Task<LimitGrant> GrantSliceAsync(LimitSliceAsk ask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentException.ThrowIfNullOrEmpty(ask.Scope, nameof(ask));
        ArgumentOutOfRangeException.ThrowIfLessThan(ask.Share, 1, nameof(ask));
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var grant = ask.BudgetNanos is { } budget
            ? await LimitSliceStore.GrantBudgetAsync(session, ask, budget, cancellationToken).ConfigureAwait(false)
            : await LimitSliceStore.GrantMinuteAsync(session, ask, cancellationToken).ConfigureAwait(false);
        if (grant.Refused is null)
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return grant;
    }

    /// <inheritdoc />
    public async Task SettleAsync(IReadOnlyList<LimitSettlement> settlements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        if (settlements.Count == 0)
        {
            return;
        }

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await LimitCounterStore.SettleAsync(session, settlements, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<LimitCounters> GetCountersAsync(
        string scope, DateTimeOffset budgetWindowStart, DateTimeOffset minuteWindowStart, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await LimitCounterStore.GetCountersAsync(session, scope, budgetWindowStart, minuteWindowStart, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BudgetCounter>> ListBudgetCountersAsync(string scopePrefix, IReadOnlyCollection<DateTimeOffset> windowStarts, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scopePrefix);
        ArgumentNullException.ThrowIfNull(windowStarts);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowStarts.Count, 16);
        if (windowStarts.Count == 0)
        {
            return [];
        }

        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await LimitCounterStore.ListBudgetCountersAsync(session, scopePrefix, windowStarts, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task TouchHolderAsync(string holder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await LimitHoldStore.TouchAsync(session, holder, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> ReleaseAbandonedHoldsAsync(DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        List<string> stale;
        await using (var read = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false))
        {
            stale = await LimitHoldStore.StaleHoldersAsync(read, staleBefore.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        }

        // One transaction per holder: replicas sweeping at once may both find a holder, and the second finds nothing left to give back.
        var released = 0;
        foreach (var holder in stale)
        {
            await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
            var seen = await session.QueryAsync(
                "SELECT seen_at FROM limit_holders WHERE holder = @holder", r => r.GetInt64(0), cancellationToken, ("@holder", holder)).ConfigureAwait(false);
            if (seen.Count > 0 && seen[0] >= staleBefore.ToUnixTimeMilliseconds())
            {
                continue;
            }

            await LimitHoldStore.ReleaseAsync(session, holder, cancellationToken).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            released++;
        }

        return released;
    }

    /// <inheritdoc />
    public async Task<int> PurgeMinuteCountersAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var purged = await LimitCounterStore.PurgeMinuteCountersAsync(session, olderThan, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return purged;
    }
}
