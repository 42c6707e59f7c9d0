namespace Switchboard.Abstractions.Configuration;

/// <summary>Describes a model a platform serves: one source for catalog models.</summary>
public sealed record PlatformModelConfig
{
    /// <summary>Gets the storage id.</summary>
    public long Id { get; init; }

    /// <summary>Gets the platform id.</summary>
    public long PlatformId { get; init; }

    /// <summary>Gets the display name, unique within the platform.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the model name the upstream knows.</summary>
    public required string UpstreamModel { get; init; }

    /// <summary>Gets extra body fields as JSON object text, or null.</summary>
    public string? ExtraBodyJson { get; init; }

    /// <summary>Gets the provider's price per 1M input tokens.</summary>
    public decimal InputPricePerMillion { get; init; }

    /// <summary>Gets the provider's price per 1M output tokens.</summary>
    public decimal OutputPricePerMillion { get; init; }

    /// <summary>Gets the provider's price per 1M cached input tokens, or null to use the input price.</summary>
    public decimal? CachedInputPricePerMillion { get; init; }

    /// <summary>Gets the provider's price per 1M tokens written to its prompt cache (five-minute lifetime), or null for the provider kind's default.</summary>
    /// <remarks>The default is the input price times the kind's multiplier when the kind bills cache writes (Anthropic: 1.25), else the input price.</remarks>
    public decimal? CacheWritePricePerMillion { get; init; }

    /// <summary>Gets the provider's price per 1M tokens written to a one-hour prompt cache, or null for the provider kind's default.</summary>
    /// <remarks>The default is the input price times the kind's one-hour multiplier (Anthropic: 2), else <see cref="CacheWritePricePerMillion"/>.</remarks>
    public decimal? CacheWrite1HourPricePerMillion { get; init; }

    /// <summary>Gets the context window in tokens, when known.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Gets the model type (<c>chat</c> or <c>embedding</c>).</summary>
    public string Type { get; init; } = "chat";

    /// <summary>Gets capability tags (<c>tools</c>, <c>vision</c>, <c>reasoning</c>, ...).</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Gets a value indicating whether the model serves requests.</summary>
    public bool Enabled { get; init; } = true;
}
