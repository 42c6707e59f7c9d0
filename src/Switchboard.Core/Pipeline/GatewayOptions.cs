namespace Switchboard.Core.Pipeline;

/// <summary>Holds the request-path settings, bound from the <c>Switchboard:Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchboard:Gateway";

    /// <summary>Gets or sets the most upstream attempts one request may make.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets how long to wait for upstream response headers.</summary>
    public TimeSpan FirstByteTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long a stream may stay silent between chunks.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the cap on a non-streamed call.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the overall deadline across all attempts of one request, before the first byte.</summary>
    public TimeSpan AttemptDeadline { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets a value indicating whether streams end with a usage chunk even when the client did not ask.</summary>
    public bool AlwaysIncludeStreamUsage { get; set; } = true;

    /// <summary>Gets or sets the request body limit in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;
}
