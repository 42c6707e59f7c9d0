namespace Switchboard.Abstractions.Idempotency;

/// <summary>Holds a stored answer: its status, the headers that are replayed with it and its body.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Headers">The replayed headers (content type, request id, route headers), by name.</param>
/// <param name="Body">The body, or null when it was larger than the store keeps (the request still ran once).</param>
public sealed record IdempotentResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[]? Body);
