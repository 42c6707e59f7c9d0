using Switchboard.Abstractions.Chat;
using Switchboard.Core.Errors;

namespace Switchboard.Core.Pipeline;

/// <summary>Holds the result of a non-streamed chat request: the completion or the client-facing error.</summary>
public sealed class ChatOutcome
{
    /// <summary>Gets the completion on success.</summary>
    public ChatCompletion? Completion { get; init; }

    /// <summary>Gets the error on failure.</summary>
    public GatewayError? Error { get; init; }

    /// <summary>Gets where the answer came from (platform and model), for response headers.</summary>
    public RouteInfo Route { get; init; }
}
