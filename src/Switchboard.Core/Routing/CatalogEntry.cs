namespace Switchboard.Core.Routing;

/// <summary>Holds a model clients can name, with its sources in routing order and its user prices.</summary>
/// <remarks>Immutable configuration; the model's runtime counters live in <see cref="RoutingState"/>.</remarks>
public sealed class CatalogEntry
{
    /// <summary>Gets the id clients send.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the type: <c>chat</c> or <c>embedding</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Gets who the model list says owns it (the first source's platform).</summary>
    public required string OwnedBy { get; init; }

    /// <summary>Gets the user price per 1M input tokens.</summary>
    public decimal UserInputPricePerMillion { get; init; }

    /// <summary>Gets the user price per 1M output tokens.</summary>
    public decimal UserOutputPricePerMillion { get; init; }

    /// <summary>Gets the user price per 1M cached input tokens, or null to follow the serving source's discount.</summary>
    public decimal? UserCachedInputPricePerMillion { get; init; }

    /// <summary>Gets the user price per 1M cache-write tokens, or null to follow the serving source's premium.</summary>
    public decimal? UserCacheWritePricePerMillion { get; init; }

    /// <summary>Gets the context window when known.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Gets the capability tags (<c>tools</c>, <c>vision</c>, ...): the model's own, or else its sources'.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Gets a value indicating whether the model appears in <c>/v1/models</c> (exact <c>Platform/Name</c> addresses do not).</summary>
    public bool Listed { get; init; } = true;

    /// <summary>Gets the tier required, or null.</summary>
    public string? TierRequired { get; init; }

    /// <summary>Gets the tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the routing strategy name (see <see cref="Strategies.RoutingStrategies"/>), or null for the default.</summary>
    public string? Strategy { get; init; }

    /// <summary>Gets the response-cache lifetime the model opted in with, or null when its answers are cached only on request.</summary>
    public TimeSpan? CacheTtl { get; init; }

    internal IReadOnlyList<SourceEntry> Sources { get; init; } = [];
}
