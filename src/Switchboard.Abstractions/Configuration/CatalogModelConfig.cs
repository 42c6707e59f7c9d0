namespace Switchboard.Abstractions.Configuration;

/// <summary>Describes a unified, user-facing model and the sources that serve it.</summary>
public sealed record CatalogModelConfig
{
    /// <summary>Gets the id clients send as <c>model</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets the name an admin chose to show users instead of the display name, or null.</summary>
    public string? CustomName { get; init; }

    /// <summary>Gets capability tags (<c>tools</c>, <c>vision</c>, ...); empty means "whatever the sources declare".</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Gets the model type (<c>chat</c> or <c>embedding</c>).</summary>
    public string Type { get; init; } = "chat";

    /// <summary>Gets the routing strategy name; null means the default.</summary>
    public string? Strategy { get; init; }

    /// <summary>Gets the user price per 1M input tokens.</summary>
    public decimal UserInputPricePerMillion { get; init; }

    /// <summary>Gets the user price per 1M output tokens.</summary>
    public decimal UserOutputPricePerMillion { get; init; }

    /// <summary>Gets the user price per 1M cached (cache-read) input tokens, or null to follow the serving source's discount.</summary>
    /// <remarks>Unset, it is the user input price times the source's cached-to-input price ratio (the user input price when the source is unpriced).</remarks>
    public decimal? UserCachedInputPricePerMillion { get; init; }

    /// <summary>Gets the user price per 1M tokens written to a prompt cache (five-minute lifetime), or null to follow the serving source's premium.</summary>
    /// <remarks>
    /// Unset, it is the user input price times the source's cache-write-to-input price ratio. One-hour writes cost the user this
    /// rate times the source's one-hour-to-five-minute ratio.
    /// </remarks>
    public decimal? UserCacheWritePricePerMillion { get; init; }

    /// <summary>Gets the tier required to use the model, or null for every tier.</summary>
    public string? TierRequired { get; init; }

    /// <summary>Gets the tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the context window, when known.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Gets the output cap, when known.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets a value indicating whether the model is offered.</summary>
    public bool Active { get; init; } = true;

    /// <summary>Gets a value indicating whether the model is featured.</summary>
    public bool Featured { get; init; }

    /// <summary>Gets how long the response cache keeps this model's answers, in seconds, or null when they are cached only on a key's or a request's opt-in.</summary>
    public int? CacheTtlSeconds { get; init; }

    /// <summary>Gets the sources in configuration order.</summary>
    public IReadOnlyList<CatalogSourceConfig> Sources { get; init; } = [];
}
