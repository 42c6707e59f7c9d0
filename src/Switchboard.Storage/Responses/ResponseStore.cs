using System.Data.Common;
using Switchboard.Abstractions.Responses;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Responses;

/// <summary>Keeps OpenAI Responses API responses in <c>stored_responses</c> (<see cref="IResponseStore"/>).</summary>
/// <remarks>
/// Every read and delete names the owner and skips expired rows, so another caller's response, an expired one and a
/// missing one look the same. Expired rows are deleted by <see cref="PurgeExpiredAsync"/> in batches, one short
/// transaction each, since rows may hold megabytes of conversation. Thread-safe; one of the stores a
/// <see cref="SwitchboardDatabase"/> hands out over its connections.
/// </remarks>
internal sealed class ResponseStore(Dialect dialect, TimeProvider timeProvider) : IResponseStore
{
    /// <summary>The most rows one purge transaction deletes.</summary>
    internal const int PurgeBatch = 500;

    private const string Columns = "id, owner, model, created_at, expires_at, previous_response_id, input_json, response_json";

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The id is stored already for another owner.</exception>
    public async ValueTask SaveAsync(StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentException.ThrowIfNullOrEmpty(response.Id, nameof(response));
        ArgumentException.ThrowIfNullOrEmpty(response.Owner, nameof(response));
        ArgumentNullException.ThrowIfNull(response.Model, nameof(response));
        ArgumentNullException.ThrowIfNull(response.InputJson, nameof(response));
        ArgumentNullException.ThrowIfNull(response.ResponseJson, nameof(response));

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);

        // Only the same owner's row is replaced: an id taken by someone else is never overwritten.
        var rows = await session.ExecuteAsync(
            $"INSERT INTO stored_responses ({Columns}) " +
            "VALUES (@id, @owner, @model, @created_at, @expires_at, @previous_response_id, @input_json, @response_json) " +
            "ON CONFLICT (id) DO UPDATE SET model = excluded.model, created_at = excluded.created_at, expires_at = excluded.expires_at, " +
            "previous_response_id = excluded.previous_response_id, input_json = excluded.input_json, response_json = excluded.response_json " +
            "WHERE stored_responses.owner = excluded.owner",
            cancellationToken,
            ("@id", response.Id),
            ("@owner", response.Owner),
            ("@model", response.Model),
            ("@created_at", dialect.Time(response.CreatedAt)),
            ("@expires_at", dialect.Time(response.ExpiresAt)),
            ("@previous_response_id", response.PreviousResponseId),
            ("@input_json", response.InputJson),
            ("@response_json", response.ResponseJson)).ConfigureAwait(false);
        if (rows == 0)
        {
            throw new InvalidOperationException($"Response id '{response.Id}' is stored already for another owner.");
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<StoredResponse?> GetAsync(string id, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        var found = await session.QueryAsync(
            $"SELECT {Columns} FROM stored_responses WHERE id = @id AND owner = @owner AND expires_at > @now",
            Read,
            cancellationToken,
            ("@id", id),
            ("@owner", owner),
            ("@now", dialect.Time(timeProvider.GetUtcNow()))).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string id, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var rows = await session.ExecuteAsync(
            "DELETE FROM stored_responses WHERE id = @id AND owner = @owner AND expires_at > @now",
            cancellationToken,
            ("@id", id),
            ("@owner", owner),
            ("@now", dialect.Time(timeProvider.GetUtcNow()))).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows > 0;
    }

    /// <inheritdoc />
    public async ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var purged = 0;
        while (true)
        {
            await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
            var rows = await session.ExecuteAsync(
                "DELETE FROM stored_responses WHERE id IN (SELECT id FROM stored_responses WHERE expires_at <= @now ORDER BY expires_at LIMIT @batch)",
                cancellationToken,
                ("@now", dialect.Time(now)),
                ("@batch", PurgeBatch)).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            purged += rows;
            if (rows < PurgeBatch)
            {
                return purged;
            }
        }
    }

    private StoredResponse Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Owner = reader.GetString(1),
        Model = reader.GetString(2),
        CreatedAt = dialect.ReadTime(reader, 3),
        ExpiresAt = dialect.ReadTime(reader, 4),
        PreviousResponseId = reader.GetStringOrNull(5),
        InputJson = reader.GetString(6),
        ResponseJson = reader.GetString(7),
    };
}
