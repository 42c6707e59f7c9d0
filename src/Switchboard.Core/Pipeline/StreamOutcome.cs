using Switchboard.Core.Errors;

namespace Switchboard.Core.Pipeline;

/// <summary>Holds the result of opening a stream: an active stream whose first bytes are ready, or an error before any byte.</summary>
public sealed class StreamOutcome
{
    /// <summary>Gets the open stream on success; the caller must dispose it.</summary>
    public ActiveChatStream? Stream { get; init; }

    /// <summary>Gets the error when no attempt produced a stream.</summary>
    public GatewayError? Error { get; init; }

    /// <summary>Gets where the stream comes from.</summary>
    public RouteInfo Route { get; init; }
}
