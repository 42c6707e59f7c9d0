using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
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
/// fails as <see cref="UpstreamErrorKind.UnknownOutcome"/>. Owns the response and the request body; disposes both.
/// </remarks>
internal sealed class AnthropicChatStream : IChatStream
{
    private readonly UpstreamEventSource _events;
    private readonly AnthropicStreamTranslator _translator;
    private StreamStep? _ended;
    private UpstreamError? _error;

    private AnthropicChatStream(UpstreamEventSource events, string upstreamModel)
    {
        _events = events;
        _translator = new AnthropicStreamTranslator(events.PlatformName, upstreamModel, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    public static async ValueTask<AnthropicChatStream> OpenAsync(HttpResponseMessage response, UpstreamChatCall call, IDisposable? requestBody, CancellationToken cancellationToken) =>
        new(await UpstreamEventSource.OpenAsync(response, call, requestBody, cancellationToken).ConfigureAwait(false), call.Target.UpstreamModel);

    public TokenUsage Usage => _translator.Usage;

    public UsageSource UsageSource => _translator.UsageSource;

    public long DeliveredTextBytes => _translator.DeliveredTextBytes;

    public string? FinishReason => _translator.FinishReason;

    public UpstreamError? Error => _error;

    public ChunkIdentity Identity => _translator.Identity;

    public async ValueTask<StreamStep> ReadAsync(IChatStreamSink sink, CancellationToken cancellationToken)
    {
        if (_ended is { } ended)
        {
            return ended;
        }

        // An Anthropic client gets the upstream's events unchanged (every block type and beta feature survives);
        // the translator then only scans them for usage, the finish and errors.
        var passthrough = sink.PassthroughProtocol == ClientProtocols.AnthropicMessages;
        _events.ArmIdle();
        while (true)
        {
            var (hasEvent, readError) = await _events.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (readError is not null)
            {
                return Fail(readError);
            }

            if (!hasEvent)
            {
                return Fail(_events.ClosedEarly("message_stop"));
            }

            var outcome = _translator.Translate(_events.EventName, _events.Data, passthrough ? null : sink);
            if (passthrough && outcome != AnthropicStreamOutcome.Failed)
            {
                sink.WriteRaw(_events.EventName, _events.Data);
                outcome = outcome is AnthropicStreamOutcome.Ignored ? AnthropicStreamOutcome.Wrote : outcome;
            }

            switch (outcome)
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
                    _events.ArmIdle();
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

    public ValueTask DisposeAsync() => _events.DisposeAsync();}
