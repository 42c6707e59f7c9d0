using Switchboard.Abstractions.Idempotency;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Idempotency;

/// <summary>Keeps idempotency keys in the <c>idempotency_keys</c> table of SQLite or PostgreSQL (<see cref="IIdempotencyStore"/>).</summary>
/// <remarks>
/// A claim is an insert that skips an existing row, so the table's primary key picks one winner among racing replicas (SQLite
/// serialises writers on the file; PostgreSQL on the key). An existing row whose claim was abandoned or whose retention ended is
/// taken over by an update that names the old claim token, so two takers cannot both win. Thread-safe; one short transaction per call.
/// </remarks>
internal sealed class IdempotencyStore(Dialect dialect) : IIdempotencyStore
{
    private const string KeyMatch = "scope = @scope AND idempotency_key = @key";

    private const string InsertSql =
        "INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, claim_token, completed, created_at, in_flight_until, expires_at) " +
        "VALUES (@scope, @key, @hash, @token, @open, @now, @in_flight_until, @expires_at) ON CONFLICT (scope, idempotency_key) DO NOTHING";

    /// <inheritdoc />
    public async Task<IdempotencyClaim> ClaimAsync(IdempotencyClaimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var claim = await ClaimAsync(session, request, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claim;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(string scope, string key, string claimToken, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var rows = await session.ExecuteAsync(
            $"UPDATE idempotency_keys SET completed = @completed, status_code = @status, headers_json = @headers, body = @body WHERE {KeyMatch} AND claim_token = @token",
            cancellationToken,
            ("@completed", true),
            ("@status", response.StatusCode),
            ("@headers", StorageJson.Write(response.Headers)),
            ("@body", response.Body),
            ("@scope", scope),
            ("@key", key),
            ("@token", claimToken)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows > 0;
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseAsync(string scope, string key, string claimToken, CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var rows = await session.ExecuteAsync(
            $"DELETE FROM idempotency_keys WHERE {KeyMatch} AND claim_token = @token AND completed = @open",
            cancellationToken,
            ("@scope", scope),
            ("@key", key),
            ("@token", claimToken),
            ("@open", false)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows > 0;
    }

    /// <inheritdoc />
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var rows = await session.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE expires_at <= @now", cancellationToken, ("@now", dialect.Time(now))).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    private async Task<IdempotencyClaim> ClaimAsync(DbSession session, IdempotencyClaimRequest request, CancellationToken cancellationToken)
    {
        (string, object?)[] claim =
        [
            ("@scope", request.Scope),
            ("@key", request.Key),
            ("@hash", request.RequestHash),
            ("@token", request.ClaimToken),
            ("@now", dialect.Time(request.Now)),
            ("@in_flight_until", dialect.Time(request.InFlightUntil)),
            ("@expires_at", dialect.Time(request.ExpiresAt)),
            ("@open", false),
        ];
        var inserted = await session.ExecuteAsync(
            InsertSql,
            cancellationToken,
            claim).ConfigureAwait(false);
        if (inserted > 0)
        {
            return IdempotencyClaim.Claimed;
        }

        var rows = await session.QueryAsync(
            $"SELECT request_hash, claim_token, completed, in_flight_until, expires_at, status_code, headers_json, body FROM idempotency_keys WHERE {KeyMatch}",
            r => new
            {
                Hash = r.GetString(0),
                Token = r.GetString(1),
                Completed = r.GetBoolean(2),
                InFlightUntil = dialect.ReadTime(r, 3),
                ExpiresAt = dialect.ReadTime(r, 4),
                Response = r.GetBoolean(2)
                    ? new IdempotentResponse(r.GetInt32(5), StorageJson.ReadMap(r.GetStringOrNull(6)), r.IsDBNull(7) ? null : (byte[])r.GetValue(7))
                    : null,
            },
            cancellationToken,
            ("@scope", request.Scope),
            ("@key", request.Key)).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            // Deleted between the insert and the read (a release on another replica): the insert is free to win now.
            return await session.ExecuteAsync(
                InsertSql,
                cancellationToken,
                claim).ConfigureAwait(false) > 0 ? IdempotencyClaim.Claimed : IdempotencyClaim.InProgress;
        }

        var row = rows[0];
        var abandoned = !row.Completed && row.InFlightUntil <= request.Now;
        if (abandoned || row.ExpiresAt <= request.Now)
        {
            var taken = await session.ExecuteAsync(
                "UPDATE idempotency_keys SET request_hash = @hash, claim_token = @token, completed = @open, created_at = @now, in_flight_until = @in_flight_until, " +
                $"expires_at = @expires_at, status_code = NULL, headers_json = NULL, body = NULL WHERE {KeyMatch} AND claim_token = @old_token",
                cancellationToken,
                [.. claim, ("@old_token", row.Token)]).ConfigureAwait(false);
            return taken > 0 ? IdempotencyClaim.Claimed : IdempotencyClaim.InProgress;
        }

        if (!string.Equals(row.Hash, request.RequestHash, StringComparison.Ordinal))
        {
            return IdempotencyClaim.KeyReused;
        }

        return row.Response is { } response ? new IdempotencyClaim(IdempotencyOutcome.Replay, response) : IdempotencyClaim.InProgress;
    }
}
