using Switchboard.Abstractions.Chat;
using Switchboard.Providers.Probing;

namespace Switchboard.Providers.Http;

/// <summary>Decides what a failure after the request left the gateway means for trying it again: the one place that tells a safe failover from a possible double charge.</summary>
/// <remarks>
/// A connection that failed before the upstream had the whole request (refused, DNS, TLS, the SSRF guard, a
/// connection that broke while the body was being written) cannot have been processed, so any call may try another
/// source. Once the whole body was sent (<see cref="RequestBodyContent.Sent"/>), a lost connection, headers that do not
/// come in time, a non-streamed body that does not arrive in time and a non-streamed body over the size cap all leave a call that is not
/// idempotent (chat) possibly processed and billed upstream: such failures are marked
/// <see cref="UpstreamError.MayHaveProcessed"/> and are not retried; a lost connection is reported as
/// <see cref="UpstreamErrorKind.UnknownOutcome"/>. Idempotent calls (embeddings, model lists) keep failing over.
/// </remarks>
internal static class RequestDelivery
{
    /// <summary>Classifies a transport failure of the send (before the response headers).</summary>
    public static UpstreamError SendFailed(Exception exception, HttpRequestMessage request, string platformName, bool idempotent) =>
        !idempotent && WasSent(request, exception)
            ? UnknownOutcome(platformName)
            : UpstreamErrorFactory.FromException(exception, platformName, timedOut: false);

    /// <summary>Classifies a call whose response headers did not come within the first-byte limit.</summary>
    /// <remarks>
    /// A non-streamed answer sends its headers only when it is generated, so the upstream that had the whole request is most
    /// likely still working on it (and will bill it): a call that is not idempotent is then not retried elsewhere.
    /// </remarks>
    public static UpstreamError HeadersTimedOut(HttpRequestMessage request, string platformName, bool idempotent) =>
        !idempotent && request.Content is RequestBodyContent { Sent: true }
            ? UpstreamErrorFactory.FromException(new TimeoutException(), platformName, timedOut: true) with { MayHaveProcessed = true }
            : UpstreamErrorFactory.FromException(new TimeoutException(), platformName, timedOut: true);

    /// <summary>Classifies a transport failure while the answer was being read (after its headers).</summary>
    public static UpstreamError AnswerBroken(Exception exception, string platformName, bool idempotent) =>
        idempotent ? UpstreamErrorFactory.FromException(exception, platformName, timedOut: false) : UnknownOutcome(platformName);

    /// <summary>Creates the error for a stream that closed before its protocol's end marker.</summary>
    public static UpstreamError ClosedEarly(string platformName, string marker) =>
        new(UpstreamErrorKind.UnknownOutcome, $"Upstream '{platformName}' closed the stream before {marker}; it may have processed the request, so it was not retried.")
        {
            MayHaveProcessed = true,
        };

    /// <summary>Creates the error for a non-streamed body that did not arrive whole in time after its headers.</summary>
    public static UpstreamError BodyTimedOut(string platformName, TimeSpan limit, bool idempotent) =>
        new(UpstreamErrorKind.Timeout, $"Upstream '{platformName}' did not finish sending its answer within {limit.TotalSeconds:0.###} s of its headers.")
        {
            MayHaveProcessed = !idempotent,
        };

    /// <summary>Creates the error for a non-streamed body over the size cap.</summary>
    public static UpstreamError BodyTooLarge(string platformName, int maxBytes, bool idempotent) =>
        UpstreamErrorFactory.TooLarge(platformName, $"an answer larger than {maxBytes} bytes") with { MayHaveProcessed = !idempotent };

    private static UpstreamError UnknownOutcome(string platformName) =>
        new(UpstreamErrorKind.UnknownOutcome,
            $"The connection to upstream '{platformName}' was lost after the request was sent; the upstream may have processed it, so it was not retried.")
        {
            MayHaveProcessed = true,
        };

    /// <summary>Tells whether the whole request had reached the connection: false for every failure to connect.</summary>
    private static bool WasSent(HttpRequestMessage request, Exception exception) =>
        request.Content is RequestBodyContent { Sent: true } && exception is not HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
        } && exception is not HttpRequestException { InnerException: ProbeRefusedException };
}
