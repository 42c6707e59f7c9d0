using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Http;
using Switchboard.Providers.Sse;

namespace Switchboard.Providers.OpenAI;

/// <summary>Reads an OpenAI-compatible SSE stream, event by event, scanning each for usage and errors.</summary>
/// <remarks>
/// For an OpenAI Chat client the events pass through as they came except in three cases: the upstream's usage-only
/// chunk is dropped (the engine writes the closing one), a <c>reasoning</c> delta is renamed to
/// <c>reasoning_content</c> so clients see one name, and an in-band error ends the stream as a failure. For any other
/// client each chunk becomes canonical events (<see cref="OpenAIChunkTranslator"/>).
/// </remarks>
internal sealed class OpenAIChatStream : IChatStream
{
    private readonly UpstreamEventSource _events;
    private TokenUsage _usage;
    private bool _identityKnown;

    private OpenAIChatStream(UpstreamEventSource events) => _events = events;

    private string PlatformName => _events.PlatformName;

    public static async ValueTask<OpenAIChatStream> OpenAsync(HttpResponseMessage response, UpstreamChatCall call, IDisposable? requestBody, CancellationToken cancellationToken) =>
        new(await UpstreamEventSource.OpenAsync(response, call, requestBody, cancellationToken).ConfigureAwait(false));

    public TokenUsage Usage => _usage;

    public UsageSource UsageSource { get; private set; }

    public long DeliveredTextBytes { get; private set; }

    public string? FinishReason { get; private set; }

    public UpstreamError? Error { get; private set; }

    public ChunkIdentity Identity { get; private set; }

    public async ValueTask<StreamStep> ReadAsync(IChatStreamSink sink, CancellationToken cancellationToken)
    {
        _events.ArmIdle();
        var (hasEvent, readError) = await _events.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return Fail(readError);
        }

        if (!hasEvent)
        {
            // The connection closed without [DONE]: complete only if the upstream said it had finished.
            return FinishReason is not null ? StreamStep.Completed : Fail(_events.ClosedEarly());
        }

        var data = _events.Data;
        if (data.SequenceEqual("[DONE]"u8))
        {
            return StreamStep.Completed;
        }

        if (!OpenAIChunkScanner.TryScan(data, !_identityKnown, out var scan))
        {
            return Fail(UpstreamErrorFactory.Malformed(PlatformName, "a stream event is not a JSON object"));
        }

        if (scan.HasError)
        {
            var (message, code, _) = UpstreamErrorFactory.ReadBody(data);
            return Fail(new UpstreamError(UpstreamErrorKind.ServerError, message ?? $"Upstream '{PlatformName}' reported an error mid-stream.") { UpstreamCode = code });
        }

        var passthrough = sink.PassthroughProtocol == ClientProtocols.OpenAIChat;
        if (!_identityKnown && (scan.Id is not null || scan.Model is not null))
        {
            Identity = new ChunkIdentity(scan.Id, scan.Model, scan.Created);
            _identityKnown = true;
            if (!passthrough)
            {
                sink.Write(ChatStreamEvent.Start(Identity));
            }
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
            if (!passthrough)
            {
                sink.Write(ChatStreamEvent.ForUsage(usage));
            }

            if (scan.HasChoices && scan.ChoiceCount == 0 && !scan.UsageInChoice)
            {
                return StreamStep.Data;
            }
        }

        if (!passthrough)
        {
            OpenAIChunkTranslator.Translate(data, sink);
        }
        else if (scan.UsesReasoningField)
        {
            sink.WriteRaw(default, ReasoningFieldRenamer.Rename(data));
        }
        else
        {
            sink.WriteRaw(default, data);
        }

        return StreamStep.Data;
    }


    private StreamStep Fail(UpstreamError error)
    {
        Error = error;
        return StreamStep.Failed;
    }

    public ValueTask DisposeAsync() => _events.DisposeAsync();
}
