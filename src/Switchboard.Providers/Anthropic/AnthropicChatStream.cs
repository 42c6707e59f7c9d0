using System.Buffers;
using System.IO.Pipelines;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Http;
using Switchboard.Providers.Sse;

namespace Switchboard.Providers.Anthropic;

/// <summary>Reads an Anthropic Messages SSE stream and hands each event to the <see cref="AnthropicStreamTranslator"/>.</summary>
/// <remarks>
/// Each read returns once at least one chunk was written, the message stopped, or the stream failed. The idle clock
/// is armed at the start of a read and re-armed by every real event; <c>ping</c> events do not re-arm it, because
/// they show the connection is up, not that the model is producing anything, and a model stuck behind a live
/// connection must still time out. The stream must end with <c>message_stop</c>: a connection that closes before it
/// fails as <see cref="UpstreamErrorKind.Connection"/>. Owns the response and the request body; disposes both.
/// </remarks>
internal sealed class AnthropicChatStream : IChatStream
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly SseEventReader _events;
    private readonly IdleTimeout _idle;
    private readonly string _platformName;
    private readonly IDisposable? _requestBody;
    private readonly AnthropicStreamTranslator _translator;
    private StreamStep? _ended;
    private UpstreamError? _error;

    private AnthropicChatStream(HttpResponseMessage response, Stream body, IdleTimeout idle, string platformName, string upstreamModel, IDisposable? requestBody)
    {
        _response = response;
        _body = body;
        _idle = idle;
        _platformName = platformName;
        _requestBody = requestBody;
        _events = new SseEventReader(PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 8192, leaveOpen: true)));
        _translator = new AnthropicStreamTranslator(platformName, upstreamModel, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    public static async ValueTask<AnthropicChatStream> OpenAsync(
        HttpResponseMessage response, TimeSpan idle, string platformName, string upstreamModel, IDisposable? requestBody, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new AnthropicChatStream(response, body, new IdleTimeout(idle, cancellationToken), platformName, upstreamModel, requestBody);
    }

    public TokenUsage Usage => _translator.Usage;

    public UsageSource UsageSource => _translator.UsageSource;

    public long DeliveredTextBytes => _translator.DeliveredTextBytes;

    public string? FinishReason => _translator.FinishReason;

    public UpstreamError? Error => _error;

    public ChunkIdentity Identity => _translator.Identity;

    public async ValueTask<StreamStep> ReadAsync(IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        if (_ended is { } ended)
        {
            return ended;
        }

        _idle.Arm();
        while (true)
        {
            bool hasEvent;
            try
            {
                hasEvent = await _events.ReadAsync(_idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_idle.Expired)
            {
                return Fail(new UpstreamError(UpstreamErrorKind.Timeout, $"Upstream '{_platformName}' went silent mid-stream."));
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                return Fail(UpstreamErrorFactory.FromException(ex, _platformName, timedOut: false));
            }
            catch (InvalidDataException ex)
            {
                return Fail(UpstreamErrorFactory.Malformed(_platformName, ex.Message));
            }

            if (!hasEvent)
            {
                return Fail(new UpstreamError(UpstreamErrorKind.Connection, $"Upstream '{_platformName}' closed the stream before message_stop."));
            }

            switch (_translator.Translate(_events.EventName, _events.Data, output))
            {
                case AnthropicStreamOutcome.Wrote:
                    return StreamStep.Data;
                case AnthropicStreamOutcome.Completed:
                    _ended = StreamStep.Completed;
                    return StreamStep.Completed;
                case AnthropicStreamOutcome.Failed:
                    return Fail(_translator.Error!);
                case AnthropicStreamOutcome.KeepAlive:
                    continue;
                default:
                    _idle.Arm();
                    continue;
            }
        }
    }

    private StreamStep Fail(UpstreamError error)
    {
        _error = error;
        _ended = StreamStep.Failed;
        return StreamStep.Failed;
    }

    public async ValueTask DisposeAsync()
    {
        _events.Dispose();
        _idle.Dispose();
        _translator.Dispose();
        await _body.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _requestBody?.Dispose();
    }
}
