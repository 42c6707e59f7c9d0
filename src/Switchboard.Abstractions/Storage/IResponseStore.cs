using Switchboard.Abstractions.Responses;

namespace Switchboard.Abstractions.Storage;

/// <summary>Keeps OpenAI Responses API responses for <c>GET</c>, <c>DELETE</c> and <c>previous_response_id</c>, each visible to its owner only, until it expires.</summary>
/// <remarks>Implementations are singletons and thread-safe; each call runs in its own short transaction.</remarks>
public interface IResponseStore
{
    /// <summary>Stores a response; saving an id that exists replaces it (the same owner's retry of the same response).</summary>
    ValueTask SaveAsync(StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Reads a response, or null when it is missing, expired or another owner's (the three read alike).</summary>
    ValueTask<StoredResponse?> GetAsync(string id, string owner, CancellationToken cancellationToken);

    /// <summary>Deletes a response of <paramref name="owner"/>; returns false when there was none (missing, expired or another owner's).</summary>
    ValueTask<bool> DeleteAsync(string id, string owner, CancellationToken cancellationToken);

    /// <summary>Deletes every response that expired at or before <paramref name="now"/>; returns how many went.</summary>
    ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
