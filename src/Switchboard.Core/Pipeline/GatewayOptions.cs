using Switchboard.Abstractions.Providers;

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

    /// <summary>Gets or sets how long a stream may stay silent between chunks, and how long a non-streamed body has, as a whole, after its headers.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the cap on a non-streamed body; the smaller of it and <see cref="IdleTimeout"/> applies.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the overall deadline across all attempts of one request, before the first byte.</summary>
    public TimeSpan AttemptDeadline { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets a value indicating whether streams end with a usage chunk even when the client did not ask.</summary>
    public bool AlwaysIncludeStreamUsage { get; set; } = true;

    /// <summary>Gets or sets the request body limit in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Gets or sets the largest non-streamed upstream answer read, in bytes; a larger one is a 502 <c>upstream_response_too_large</c>.</summary>
    public int MaxUpstreamResponseBytes { get; set; } = UpstreamLimits.Default.MaxResponseBytes;

    /// <summary>Gets or sets the largest single line or event of an upstream stream, in bytes.</summary>
    public int MaxUpstreamEventBytes { get; set; } = UpstreamLimits.Default.MaxEventBytes;

    /// <summary>Gets the size limits to hand every upstream call.</summary>
    internal UpstreamLimits UpstreamLimits => new(MaxUpstreamResponseBytes, MaxUpstreamEventBytes);
}
