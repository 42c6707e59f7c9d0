using System.ComponentModel;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Caching;

/// <summary>Holds one stored answer: its canonical OpenAI <c>chat.completion</c> JSON and the usage the answering request was recorded with.</summary>
/// <remarks>
/// Immutable (so the in-process level hands out the same instance to every hit instead of a copy) and protocol-neutral:
/// each client protocol's writer turns it into its own answer or stream, the way it does an upstream's canonical answer.
/// </remarks>
[ImmutableObject(true)]
internal sealed class CachedAnswer
{
    /// <summary>Gets the answer JSON (UTF-8): an OpenAI <c>chat.completion</c> object.</summary>
    public required ReadOnlyMemory<byte> Json { get; init; }

    /// <summary>Gets the token usage the answering request was recorded with; every hit is recorded with the same.</summary>
    public TokenUsage Usage { get; init; }

    /// <summary>Gets the first choice's finish reason.</summary>
    public string? FinishReason { get; init; }
}
