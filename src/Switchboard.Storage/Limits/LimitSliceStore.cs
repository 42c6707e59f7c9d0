using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Limits;

/// <summary>Grants slices of budget and minute windows inside the caller's write transaction (see <see cref="LimitSliceAsk"/>).</summary>
/// <remarks>
/// Each grant reads the row and writes it back only if it is still as read (the same optimistic step as a remainder
/// reservation): SQLite runs one writer at a time, and PostgreSQL re-checks the <c>WHERE</c> on the newest row version, so
/// two replicas asking at once never both take the same remainder. Window starts are unix milliseconds.
/// </remarks>
internal static class LimitSliceStore
{
    private const string RowKey = "scope = @scope AND window_kind = @kind AND window_start = @start";

    /// <summary>How often a grant re-reads a row another writer changed between its read and its update.</summary>
    private const int Attempts = 16;

    /// <summary>Grants a budget slice and records it as held by the asking process.</summary>
    public static async Task<LimitGrant> GrantBudgetAsync(DbSession session, LimitSliceAsk ask, long budget, CancellationToken cancellationToken)
    {
        var start = ask.WindowStart.ToUnixTimeMilliseconds();
        await LimitCounterStore.EnsureRowAsync(session, ask.Scope, LimitCounterStore.BudgetKind, start, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var rows = await ReadAsync(session, "SELECT spent_nanos, reserved_nanos", ask.Scope, LimitCounterStore.BudgetKind, start, cancellationToken).ConfigureAwait(false);
            var (spent, reserved) = rows[0];
            var left = budget - spent - reserved;
            if (left <= 0)
            {
                // A budget held by requests in flight or by other replicas' slices is not used up: they may give it back.
                return new LimitGrant { Refused = spent >= budget ? "budget" : "budget_reserved" };
            }

            var (grant, cut) = Size(left, ask.MinimumNanos, ask.Share);
            var updated = await session.ExecuteAsync(
                "UPDATE limit_counters SET reserved_nanos = reserved_nanos + @grant WHERE " + RowKey + " AND spent_nanos = @a AND reserved_nanos = @b",
                cancellationToken,
                ("@scope", ask.Scope),
                ("@kind", LimitCounterStore.BudgetKind),
                ("@start", start),
                ("@grant", grant),
                ("@a", spent),
                ("@b", reserved)).ConfigureAwait(false);
            if (updated > 0)
            {
                if (ask.Holder is { } holder)
                {
                    await LimitHoldStore.AddAsync(session, holder, ask.Scope, start, grant, ask.AskedAt.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
                }

                return new LimitGrant { Nanos = grant, Exhausted = cut };
            }
        }

        return new LimitGrant { Refused = "budget_reserved" };
    }

    /// <summary>Grants a minute slice: requests and tokens counted on the minute now, used by this process's requests later.</summary>
    public static async Task<LimitGrant> GrantMinuteAsync(DbSession session, LimitSliceAsk ask, CancellationToken cancellationToken)
    {
        var start = ask.WindowStart.ToUnixTimeMilliseconds();
        await LimitCounterStore.EnsureRowAsync(session, ask.Scope, LimitCounterStore.MinuteKind, start, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var rows = await ReadAsync(session, "SELECT requests, tokens", ask.Scope, LimitCounterStore.MinuteKind, start, cancellationToken).ConfigureAwait(false);
            var (requests, tokens) = rows[0];
            if (ask.RequestsPerMinute is { } rpm && requests >= rpm)
            {
                return new LimitGrant { Refused = "rpm" };
            }

            if (ask.TokensPerMinute is { } tpm && tokens >= tpm)
            {
                return new LimitGrant { Refused = "tpm" };
            }

            var (requestGrant, _) = ask.RequestsPerMinute is { } r ? Size(r - requests, ask.MinimumRequests, ask.Share) : (0, false);
            var (tokenGrant, cut) = ask.TokensPerMinute is { } t ? Size(t - tokens, ask.MinimumTokens, ask.Share) : (0, false);
            var updated = await session.ExecuteAsync(
                "UPDATE limit_counters SET requests = requests + @requests, tokens = tokens + @tokens WHERE " + RowKey + " AND requests = @a AND tokens = @b",
                cancellationToken,
                ("@scope", ask.Scope),
                ("@kind", LimitCounterStore.MinuteKind),
                ("@start", start),
                ("@requests", requestGrant),
                ("@tokens", tokenGrant),
                ("@a", requests),
                ("@b", tokens)).ConfigureAwait(false);
            if (updated > 0)
            {
                return new LimitGrant { Requests = (int)requestGrant, Tokens = tokenGrant, Exhausted = cut };
            }
        }

        return new LimitGrant { Refused = ask.RequestsPerMinute is not null ? "rpm" : "tpm" };
    }

    /// <summary>Applies the slice rule: <c>min(left, max(minimum, left / share))</c>; says whether the slice was cut to what was left.</summary>
    private static (long Grant, bool Cut) Size(long left, long minimum, int share)
    {
        var wanted = Math.Max(Math.Max(minimum, left / Math.Max(1, share)), 1);
        return wanted >= left ? (left, wanted > left) : (wanted, false);
    }

    private static Task<List<(long A, long B)>> ReadAsync(DbSession session, string select, string scope, string kind, long start, CancellationToken cancellationToken) =>
        session.QueryAsync(
            select + " FROM limit_counters WHERE " + RowKey,
            r => (r.GetInt64(0), r.GetInt64(1)),
            cancellationToken,
            ("@scope", scope),
            ("@kind", kind),
            ("@start", start));
}
