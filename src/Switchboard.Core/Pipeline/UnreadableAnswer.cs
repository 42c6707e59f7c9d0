using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Core.Pipeline;

/// <summary>Tells an upstream answer the gateway could not read (untrusted data that broke a reader) from a bug of the gateway's own.</summary>
/// <remarks>
/// Readers of upstream answers throw these exceptions on data they cannot represent: malformed JSON, a string no .NET string
/// can hold (an unpaired surrogate escape, invalid UTF-8), a number out of range. That is the upstream's fault, not a bug: the
/// request fails as an upstream error (502 <c>upstream_bad_response</c>) and, since the upstream had the request and may have
/// billed it, it is not retried elsewhere. Any other exception is a bug and ends the request as a 500.
/// </remarks>
internal static class UnreadableAnswer
{
    /// <summary>Returns whether <paramref name="exception"/> is what a reader throws on data it cannot represent.</summary>
    public static bool Is(Exception exception) =>
        exception is JsonException or InvalidOperationException or FormatException or DecoderFallbackException or OverflowException;

    /// <summary>Creates the failure of an answer from <paramref name="platformName"/> that could not be read.</summary>
    public static UpstreamError Error(string platformName) =>
        new(UpstreamErrorKind.MalformedResponse, $"Upstream '{platformName}' answered with data the gateway could not read; it may have processed the request, so it was not retried.")
        {
            MayHaveProcessed = true,
        };
}
