namespace Switchboard.Abstractions.Responses;

/// <summary>Holds one OpenAI Responses API response kept for retrieval and for continuing its conversation with <c>previous_response_id</c>.</summary>
/// <remarks>The store keeps the JSON texts as given; bounding their size is the endpoint's job.</remarks>
public sealed record StoredResponse
{
    /// <summary>Gets the response id (<c>resp_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the opaque owner key the endpoint computed from the caller; only the same owner reads or deletes the response.</summary>
    public required string Owner { get; init; }

    /// <summary>Gets the model the response was created with, as the client named it.</summary>
    public required string Model { get; init; }

    /// <summary>Gets when the response was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the response stops being readable and may be purged.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets the whole conversation input as a JSON array of Responses input items, already resolved through previous responses.</summary>
    public required string InputJson { get; init; }

    /// <summary>Gets the response object as it was returned to the client, as JSON.</summary>
    public required string ResponseJson { get; init; }

    /// <summary>Gets the id of the response this one continued, or null for the start of a conversation.</summary>
    public string? PreviousResponseId { get; init; }
}
