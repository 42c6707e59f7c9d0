namespace Switchboard.Abstractions.Providers;

/// <summary>Holds the size limits on what one upstream call may send back.</summary>
/// <param name="MaxResponseBytes">The largest non-streamed answer body (after decompression) the gateway reads; a larger one fails without being buffered whole.</param>
/// <param name="MaxEventBytes">The largest single line, and the largest event, of a streamed (SSE) answer.</param>
public sealed record UpstreamLimits(int MaxResponseBytes, int MaxEventBytes)
{
    /// <summary>Gets the defaults: 16 MiB per non-streamed body, 4 MiB per stream line or event.</summary>
    public static UpstreamLimits Default { get; } = new(16 * 1024 * 1024, 4 * 1024 * 1024);
}
