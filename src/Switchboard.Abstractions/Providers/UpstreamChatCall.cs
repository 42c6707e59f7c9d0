using Switchboard.Abstractions.Chat;

namespace Switchboard.Abstractions.Providers;

/// <summary>Bundles everything a provider needs for one chat attempt.</summary>
public sealed record UpstreamChatCall
{
    /// <summary>Gets the client's request.</summary>
    public required ChatCompletionRequest Request { get; init; }

    /// <summary>Gets the chosen source.</summary>
    public required UpstreamTarget Target { get; init; }

    /// <summary>Gets the time limits.</summary>
    public UpstreamTimeouts Timeouts { get; init; } = UpstreamTimeouts.Default;

    /// <summary>Gets the size limits on the answer.</summary>
    public UpstreamLimits Limits { get; init; } = UpstreamLimits.Default;
}
