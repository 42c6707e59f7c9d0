using Switchboard.Abstractions.Usage;

namespace Switchboard.Abstractions.Providers;

/// <summary>Holds an OpenAI-shaped embeddings response and its usage.</summary>
public sealed class EmbeddingResult
{
    /// <summary>Gets the OpenAI <c>list</c> JSON object (UTF-8).</summary>
    public required ReadOnlyMemory<byte> Json { get; init; }

    /// <summary>Gets the token usage.</summary>
    public TokenUsage Usage { get; init; }

    /// <summary>Gets where <see cref="Usage"/> came from.</summary>
    public UsageSource UsageSource { get; init; }
}
