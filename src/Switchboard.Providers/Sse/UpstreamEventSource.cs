using System.IO.Pipelines;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Sse;

/// <summary>Reads the SSE events of one open upstream response under an idle clock, turning transport failures into values.</summary>
/// <remarks>
/// Shared by every protocol's stream translator: it owns the response, its body, the SSE reader, the idle clock and
/// the request body that must live until the exchange ends, and disposes them together. Not thread-safe.
/// </remarks>
internal sealed class UpstreamEventSource : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly SseEventReader _events;
    private readonly IdleTimeout _idle;
    private readonly IDisposable? _requestBody;
    private readonly int _maxEventBytes;

    private UpstreamEventSource(HttpResponseMessage response, Stream body, IdleTimeout idle, string platformName, int maxEventBytes, IDisposable? requestBody)
    {
        _response = response;
        _body = body;
        _idle = idle;
        PlatformName = platformName;
        _maxEventBytes = maxEventBytes;
        _requestBody = requestBody;
        _events = new SseEventReader(PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 8192, leaveOpen: true)), maxEventBytes);
    }

    public string PlatformName { get; }

    /// <summary>Gets the current event's data (valid until the next read).</summary>
    public ReadOnlySpan<byte> Data => _events.Data;

    /// <summary>Gets the current event's data as memory (valid until the next read).</summary>
    public ReadOnlyMemory<byte> DataMemory => _events.DataMemory;

    /// <summary>Gets the current event's name.</summary>
    public ReadOnlySpan<byte> EventName => _events.EventName;

    /// <summary>Opens the events of <paramref name="response"/> under the idle clock and event cap of <paramref name="call"/>.</summary>
    public static async ValueTask<UpstreamEventSource> OpenAsync(HttpResponseMessage response, UpstreamChatCall call, IDisposable? requestBody, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new UpstreamEventSource(
            response, body, new IdleTimeout(call.Timeouts.Idle, cancellationToken), call.Target.Endpoint.PlatformName, call.Limits.MaxEventBytes, requestBody);
    }

    /// <summary>Restarts the idle clock; call it when real data arrived (not on keep-alives).</summary>
    public void ArmIdle() => _idle.Arm();

    /// <summary>Reads the next event: true when one is ready, false at the end of the stream, or the failure.</summary>
    /// <exception cref="OperationCanceledException">The client went away.</exception>
    public async ValueTask<(bool HasEvent, UpstreamError? Error)> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _events.ReadAsync(_idle.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (_idle.Expired)
        {
            return (false, new UpstreamError(UpstreamErrorKind.Timeout, $"Upstream '{PlatformName}' went silent mid-stream."));
        }
        catch (InvalidDataException)
        {
            // Before the first byte reaches the client this fails over like a malformed answer; after it, it ends the stream.
            return (false, UpstreamErrorFactory.TooLarge(PlatformName, $"a stream line or event larger than {_maxEventBytes} bytes"));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // A chat stream is never idempotent: the upstream had the whole request.
            return (false, RequestDelivery.AnswerBroken(ex, PlatformName, idempotent: false));
        }
    }

    /// <summary>Creates the error for a stream that ended before the protocol's end marker.</summary>
    public UpstreamError ClosedEarly(string marker = "it finished") => RequestDelivery.ClosedEarly(PlatformName, marker);

    public async ValueTask DisposeAsync()
    {
        _events.Dispose();
        _idle.Dispose();
        await _body.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _requestBody?.Dispose();
    }
}
