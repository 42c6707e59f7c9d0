using System.Buffers;
using System.IO.Pipelines;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Http;
using Switchboard.Providers.Sse;

namespace Switchboard.Providers.OpenAI;

/// <summary>Passes an OpenAI-compatible SSE stream through, event by event, scanning each for usage and errors.</summary>
/// <remarks>
/// Events are copied as they came except in three cases: the upstream's usage-only chunk is dropped (the
/// engine writes the closing one), a <c>reasoning</c> delta is renamed to <c>reasoning_content</c> so clients
/// see one name, and an in-band error ends the stream as a failure.
/// </remarks>
internal sealed class OpenAIChatStream : IChatStream
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly SseEventReader _events;
    private readonly IdleTimeout _idle;
    private readonly string _platformName;
    private readonly IDisposable? _requestBody;
    private TokenUsage _usage;
    private bool _identityKnown;

    private OpenAIChatStream(HttpResponseMessage response, Stream body, IdleTimeout idle, string platformName, IDisposable? requestBody)
    {
        _response = response;
        _body = body;
        _idle = idle;
        _platformName = platformName;
        _requestBody = requestBody;
        _events = new SseEventReader(PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 8192, leaveOpen: true)));
    }

    public static async ValueTask<OpenAIChatStream> OpenAsync(HttpResponseMessage response, TimeSpan idle, string platformName, IDisposable? requestBody, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new OpenAIChatStream(response, body, new IdleTimeout(idle, cancellationToken), platformName, requestBody);
    }

    public TokenUsage Usage => _usage;

    public UsageSource UsageSource { get; private set; }

    public long DeliveredTextBytes { get; private set; }

    public string? FinishReason { get; private set; }

    public UpstreamError? Error { get; private set; }

    public ChunkIdentity Identity { get; private set; }

    public async ValueTask<StreamStep> ReadAsync(IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        bool hasEvent;
        try
        {
            _idle.Arm();
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
            // The connection closed without [DONE]: complete only if the upstream said it had finished.
            return FinishReason is not null
                ? StreamStep.Completed
                : Fail(new UpstreamError(UpstreamErrorKind.Connection, $"Upstream '{_platformName}' closed the stream before it finished."));
        }

        var data = _events.Data;
        if (data.SequenceEqual("[DONE]"u8))
        {
            return StreamStep.Completed;
        }

        if (!OpenAIChunkScanner.TryScan(data, !_identityKnown, out var scan))
        {
            return Fail(UpstreamErrorFactory.Malformed(_platformName, "a stream event is not a JSON object"));
        }

        if (scan.HasError)
        {
            var (message, code, _) = UpstreamErrorFactory.ReadBody(data);
            return Fail(new UpstreamError(UpstreamErrorKind.ServerError, message ?? $"Upstream '{_platformName}' reported an error mid-stream.") { UpstreamCode = code });
        }

        if (!_identityKnown && (scan.Id is not null || scan.Model is not null))
        {
            Identity = new ChunkIdentity(scan.Id, scan.Model, scan.Created);
            _identityKnown = true;
        }

        DeliveredTextBytes += scan.TextBytes;
        if (scan.FinishReason is not null)
        {
            FinishReason = scan.FinishReason;
        }

        if (scan.Usage is { } usage)
        {
            _usage = usage;
            UsageSource = UsageSource.Reported;
            if (scan.HasChoices && scan.ChoiceCount == 0 && !scan.UsageInChoice)
            {
                return StreamStep.Data;
            }
        }

        if (scan.UsesReasoningField)
        {
            SseWriter.WriteData(output, ReasoningFieldRenamer.Rename(data));
        }
        else
        {
            SseWriter.WriteData(output, data);
        }

        return StreamStep.Data;
    }


    private StreamStep Fail(UpstreamError error)
    {
        Error = error;
        return StreamStep.Failed;
    }

    public async ValueTask DisposeAsync()
    {
        _events.Dispose();
        _idle.Dispose();
        await _body.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _requestBody?.Dispose();
    }
}
