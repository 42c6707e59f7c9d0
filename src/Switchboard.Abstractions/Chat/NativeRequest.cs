namespace Switchboard.Abstractions.Chat;

/// <summary>Holds a client's request in its own protocol, for a provider that speaks that protocol upstream and passes it through.</summary>
/// <remarks>
/// Set only when the client protocol is not OpenAI Chat (whose body is <see cref="ChatCompletionRequest.Body"/> itself).
/// A provider that speaks <see cref="Protocol"/> sends <see cref="Body"/> with only the fields the gateway owns rewritten
/// (the model name, the stream flag), so every field and block type the canonical form does not model survives.
/// Instances are immutable.
/// </remarks>
public sealed record NativeRequest
{
    /// <summary>Gets the client protocol of <see cref="Body"/>, one of <see cref="ClientProtocols"/>.</summary>
    public required string Protocol { get; init; }

    /// <summary>Gets the client's JSON body (UTF-8) as it arrived.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Gets the client's protocol headers to forward to a native upstream (for example <c>anthropic-beta</c>), already bounded by the edge.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
