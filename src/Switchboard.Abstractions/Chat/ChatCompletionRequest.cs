namespace Switchboard.Abstractions.Chat;

/// <summary>Represents one chat request in the canonical form: the OpenAI Chat Completions shape, plus the client's own request when it spoke another protocol.</summary>
/// <remarks>
/// <see cref="Body"/> is the client's JSON object, kept as bytes so an OpenAI-compatible upstream can
/// receive it with only the fields the gateway owns rewritten. The other members are the fields the
/// engine needs, read once by the validating parser. Instances are immutable and thread-safe.
/// </remarks>
public sealed class ChatCompletionRequest
{
    /// <summary>Gets the raw request JSON object (UTF-8).</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Gets the model the client asked for: a catalog id, <c>Platform/DisplayName</c>, or <c>slot:name</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Gets a value indicating whether the client asked for an SSE stream.</summary>
    public bool Stream { get; init; }

    /// <summary>Gets a value indicating whether the client asked for the stream usage chunk.</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>Gets the output token cap the client asked for: the larger of <c>max_completion_tokens</c> and <c>max_tokens</c> when both are set.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets how many answers the client asked for (<c>n</c>); each is billed.</summary>
    public int Choices { get; init; } = 1;

    /// <summary>Gets the reasoning budget the client set in <c>thinking.budget_tokens</c>, which a provider may add to the output cap.</summary>
    public int? ThinkingBudgetTokens { get; init; }

    /// <summary>Gets the most output tokens the request can be billed for, or null when it sets no cap.</summary>
    public long? MaxBilledOutputTokens => MaxTokens is { } cap ? ((long)cap + (ThinkingBudgetTokens ?? 0)) * Math.Max(1, Choices) : null;

    /// <summary>Gets the number of messages in the request.</summary>
    public int MessageCount { get; init; }

    /// <summary>Gets the client's own request when it spoke another protocol than OpenAI Chat, for a provider that can pass it through.</summary>
    /// <remarks><see cref="Body"/> is then the canonical OpenAI Chat translation every other provider maps from.</remarks>
    public NativeRequest? Native { get; init; }
}
