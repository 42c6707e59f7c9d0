namespace Switchboard.Abstractions.Providers;

/// <summary>Holds an upstream's count of the input tokens a request would use.</summary>
public sealed record TokenCount
{
    /// <summary>Gets the input tokens the upstream counted, cached ones included.</summary>
    public required long InputTokens { get; init; }
}
