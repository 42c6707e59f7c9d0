using Switchboard.Abstractions.Usage;

namespace Switchboard.Abstractions.Chat;

/// <summary>Represents a finished, non-streamed chat completion: in the canonical OpenAI shape, or in the client's own protocol when the upstream spoke it.</summary>
/// <remarks>The body is owned by this instance and never mutated after construction.</remarks>
public sealed class ChatCompletion
{
    /// <summary>Gets the answer JSON (UTF-8): an OpenAI <c>chat.completion</c> object, or the upstream's own answer when <see cref="NativeProtocol"/> is set.</summary>
    public required ReadOnlyMemory<byte> Json { get; init; }

    /// <summary>Gets the client protocol <see cref="Json"/> is written in when the provider passed a <see cref="NativeRequest"/> through, else null (OpenAI Chat).</summary>
    public string? NativeProtocol { get; init; }

    /// <summary>Gets the token usage of the call.</summary>
    public TokenUsage Usage { get; init; }

    /// <summary>Gets where <see cref="Usage"/> came from.</summary>
    public UsageSource UsageSource { get; init; }

    /// <summary>Gets the OpenAI finish reason of the first choice, if any.</summary>
    public string? FinishReason { get; init; }
}
