using System.Data.Common;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.RuntimeMarks;

/// <summary>Stores the runtime marks replicas share in <c>runtime_marks</c> (<see cref="IRuntimeMarkStore"/>).</summary>
/// <remarks>Thread-safe; one of the stores a <see cref="SwitchboardDatabase"/> hands out over its connections.</remarks>
internal sealed class RuntimeMarkStore(Dialect dialect) : IRuntimeMarkStore
{
    private const string Columns = "kind, subject_id, model, until, reason, fingerprint, replica, updated_at";

    /// <summary>Stands in for a mark with no observation time: it replaces whatever is there, as any mark did before observation times.</summary>
    private static readonly DateTimeOffset LatestTime = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<RuntimeMark> marks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marks);
        if (marks.Count == 0)
        {
            return;
        }

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var sql = "INSERT INTO runtime_marks (" + Columns + ") VALUES (@kind, @subject_id, @model, @until, @reason, @fingerprint, @replica, " + dialect.NowSql + ") " +
            "ON CONFLICT (kind, subject_id, model) DO UPDATE SET until = excluded.until, reason = excluded.reason, " +
            "fingerprint = excluded.fingerprint, replica = excluded.replica, updated_at = excluded.updated_at " +

            // A revalidation (an invalid mark that ended) stands against an invalid mark observed before it, however late that arrives.
            "WHERE NOT (runtime_marks.until IS NOT NULL AND excluded.until IS NULL AND runtime_marks.until > @observed)";
        foreach (var mark in marks)
        {
            await session.ExecuteAsync(
                sql,
                cancellationToken,
                ("@kind", mark.Kind),
                ("@subject_id", mark.SubjectId),
                ("@model", mark.Model),
                ("@until", dialect.TimeOrNull(mark.Until)),
                ("@reason", mark.Reason),
                ("@fingerprint", mark.Fingerprint),
                ("@replica", mark.Replica),
                ("@observed", dialect.Time(mark.ObservedAt ?? LatestTime))).ConfigureAwait(false);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RuntimeMark>> ReadChangedAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        var marks = since is { } after
            ? await session.QueryAsync(
                "SELECT " + Columns + " FROM runtime_marks WHERE updated_at > @since ORDER BY updated_at LIMIT @limit",
                Read,
                cancellationToken,
                ("@since", dialect.Time(after)),
                ("@limit", limit)).ConfigureAwait(false)
            : await session.QueryAsync(
                "SELECT " + Columns + " FROM runtime_marks ORDER BY updated_at LIMIT @limit", Read, cancellationToken, ("@limit", limit)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return marks;
    }

    /// <inheritdoc />
    public async Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var ended = await session.ExecuteAsync(
            "DELETE FROM runtime_marks WHERE until IS NOT NULL AND until < @before", cancellationToken, ("@before", dialect.Time(before))).ConfigureAwait(false);
        var orphaned = await session.ExecuteAsync(
            "DELETE FROM runtime_marks WHERE kind = @kind AND NOT EXISTS (SELECT 1 FROM platform_keys k WHERE k.id = runtime_marks.subject_id)",
            cancellationToken,
            ("@kind", RuntimeMarkKinds.InvalidKey)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ended + orphaned;
    }

    private RuntimeMark Read(DbDataReader reader) => new()
    {
        Kind = reader.GetString(0),
        SubjectId = reader.GetInt64(1),
        Model = reader.GetString(2),
        Until = dialect.ReadTimeOrNull(reader, 3),
        Reason = reader.GetStringOrNull(4),
        Fingerprint = reader.GetStringOrNull(5),
        Replica = reader.GetString(6),
        UpdatedAt = dialect.ReadTime(reader, 7),
    };
}
