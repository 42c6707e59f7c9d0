using Switchboard.Core.Errors;

namespace Switchboard.Core.Pipeline;

/// <summary>Holds the result of counting a request's input tokens: the count and where it came from, or the client-facing error.</summary>
public sealed class TokenCountOutcome
{
    /// <summary>Gets the input tokens counted.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets a value indicating whether the count is the gateway's local estimate rather than the upstream's own count.</summary>
    public bool Estimated { get; init; }

    /// <summary>Gets the error on failure (an unknown or forbidden model, or no usable source).</summary>
    public GatewayError? Error { get; init; }
}
