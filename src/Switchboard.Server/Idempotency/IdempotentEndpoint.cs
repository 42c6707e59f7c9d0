namespace Switchboard.Server.Idempotency;

/// <summary>Marks an endpoint whose non-streaming requests honour <c>Idempotency-Key</c>; the name is the usage record's endpoint.</summary>
/// <param name="Endpoint">The endpoint name in usage records (<c>chat</c>, <c>embeddings</c>).</param>
internal sealed record IdempotentEndpoint(string Endpoint);
