using Switchboard.Abstractions.Usage;

namespace Switchboard.Abstractions.Chat;

/// <summary>Represents a finished, non-streamed chat completion in the OpenAI response shape.</summary>
/// <remarks>The body is owned by this instance and never mutated after construction.</remarks>
public sealed class ChatCompletion
{
    /// <summary>Gets the OpenAI <c>chat.completion</c> JSON object (UTF-8) to return to the client.</summary>
    public required ReadOnlyMemory<byte> Json { get; init; }

    /// <summary>Gets the token usage of the call.</summary>
    public TokenUsage Usage { get; init; }

    /// <summary>Gets where <see cref="Usage"/> came from.</summary>
    public UsageSource UsageSource { get; init; }

    /// <summary>Gets the OpenAI finish reason of the first choice, if any.</summary>
    public string? FinishReason { get; init; }
}
