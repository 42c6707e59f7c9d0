namespace Switchboard.Abstractions.Providers;

/// <summary>Bundles one embeddings attempt: the client's OpenAI-shaped body and the chosen source.</summary>
public sealed record EmbeddingCall
{
    /// <summary>Gets the client's request JSON object (UTF-8).</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Gets the chosen source.</summary>
    public required UpstreamTarget Target { get; init; }

    /// <summary>Gets the time limits.</summary>
    public UpstreamTimeouts Timeouts { get; init; } = UpstreamTimeouts.Default;

    /// <summary>Gets the size limits on the answer.</summary>
    public UpstreamLimits Limits { get; init; } = UpstreamLimits.Default;
}
