using Switchboard.Abstractions.Providers;
using Switchboard.Core.Errors;

namespace Switchboard.Core.Pipeline;

/// <summary>Holds the result of an embeddings request.</summary>
public sealed class EmbeddingOutcome
{
    /// <summary>Gets the response on success.</summary>
    public EmbeddingResult? Result { get; init; }

    /// <summary>Gets the error on failure.</summary>
    public GatewayError? Error { get; init; }

    /// <summary>Gets where the answer came from.</summary>
    public RouteInfo Route { get; init; }
}
