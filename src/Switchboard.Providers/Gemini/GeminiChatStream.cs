using System.Runtime.InteropServices;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Http;
using Switchboard.Providers.Sse;

namespace Switchboard.Providers.Gemini;

/// <summary>Translates a Gemini <c>streamGenerateContent?alt=sse</c> stream into canonical events, one upstream event per read.</summary>
/// <remarks>
/// Each event is a whole <c>GenerateContentResponse</c> carrying only new parts. A choice opens with a start event;
/// text parts become text deltas, thought parts reasoning deltas, and each <c>functionCall</c> part a whole tool call
/// (start and arguments) with the next tool index of its choice. <c>usageMetadata</c> may
/// come on several events; the last one wins. Gemini sends no end marker: a closed connection completes the stream
/// only after a <c>finishReason</c>, otherwise it is a cut (<see cref="UpstreamErrorKind.UnknownOutcome"/>). An
/// <c>error</c> object in an event fails the stream with the kind its Google RPC status names.
/// </remarks>
internal sealed class GeminiChatStream : IChatStream
{
    private readonly UpstreamEventSource _events;
    private readonly string _platformName;
    private readonly string _upstreamModel;
    private readonly long _created;
    private readonly GeminiToolCallWriter _toolCallWriter = new();
    private int[] _toolCalls = new int[1];
    private bool[] _opened = new bool[1];
    private bool _identityKnown;
    private bool _finished;

    private GeminiChatStream(UpstreamEventSource events, string upstreamModel, long created)
    {
        _events = events;
        _platformName = events.PlatformName;
        _upstreamModel = upstreamModel;
        _created = created;
    }

    public static async ValueTask<GeminiChatStream> OpenAsync(HttpResponseMessage response, UpstreamChatCall call, long created, IDisposable? requestBody, CancellationToken cancellationToken) =>
        new(await UpstreamEventSource.OpenAsync(response, call, requestBody, cancellationToken).ConfigureAwait(false), call.Target.UpstreamModel, created);

    public TokenUsage Usage { get; private set; }

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
            return _finished ? StreamStep.Completed : Fail(_events.ClosedEarly());
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(_events.DataMemory);
        }
        catch (JsonException)
        {
            return Fail(UpstreamErrorFactory.Malformed(_platformName, "a stream event is not JSON"));
        }

        using (doc)
        {
            return Translate(doc.RootElement, sink);
        }
    }

    private StreamStep Translate(JsonElement root, IChatStreamSink sink)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail(UpstreamErrorFactory.Malformed(_platformName, "a stream event is not a JSON object"));
        }

        if (root.TryGetProperty("error", out var rpc))
        {
            return Fail(GeminiErrors.FromErrorObject(rpc, _platformName) with { UpstreamStatus = 200 });
        }

        if (root.TryGetProperty("usageMetadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            Usage = GeminiUsage.Read(metadata);
            UsageSource = UsageSource.Reported;
        }

        if (!_identityKnown)
        {
            Identity = new ChunkIdentity(
                GeminiIds.Completion(GeminiJson.StringOf(root, "responseId")), GeminiJson.StringOf(root, "modelVersion") ?? _upstreamModel, _created);
            _identityKnown = true;
        }

        if (!root.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array || candidates.GetArrayLength() == 0)
        {
            return GeminiResponseMapper.BlockedPrompt(root, _platformName) is { } blocked ? Fail(blocked) : StreamStep.Data;
        }

        var position = 0;
        foreach (var candidate in candidates.EnumerateArray())
        {
            var choice = candidate.TryGetProperty("index", out var i) && i.TryGetInt32(out var value) && value is >= 0 and < 64 ? value : position;
            TranslateCandidate(candidate, choice, sink);
            position++;
        }

        return StreamStep.Data;
    }

    private void TranslateCandidate(JsonElement candidate, int choice, IChatStreamSink sink)
    {
        if (choice >= _opened.Length)
        {
            Array.Resize(ref _opened, choice + 1);
            Array.Resize(ref _toolCalls, choice + 1);
        }

        if (!_opened[choice])
        {
            sink.Write(ChatStreamEvent.Start(Identity, choice));
            _opened[choice] = true;
        }

        if (candidate.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
            && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (part.TryGetProperty("functionCall", out var call) && call.ValueKind == JsonValueKind.Object)
                {
                    DeliveredTextBytes += _toolCallWriter.WriteEvents(sink, choice, _toolCalls[choice]++, part, call);
                }
                else if (part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && !text.ValueEquals(""u8))
                {
                    var raw = JsonMarshal.GetRawUtf8Value(text);
                    sink.Write(GeminiResponseMapper.IsThought(part) ? ChatStreamEvent.Reasoning(raw, choice) : ChatStreamEvent.Text(raw, choice));
                    DeliveredTextBytes += GeminiTextBytes.Count(raw);
                }
            }
        }

        if (candidate.TryGetProperty("finishReason", out var reason) && reason.ValueKind == JsonValueKind.String)
        {
            var finish = GeminiFinishReasons.ToOpenAI(reason.GetString(), _toolCalls[choice] > 0);
            sink.Write(ChatStreamEvent.Finish(finish, choice));
            if (choice == 0 || FinishReason is null)
            {
                FinishReason = finish;
            }

            _finished = true;
        }
    }

    private StreamStep Fail(UpstreamError error)
    {
        Error = error;
        return StreamStep.Failed;
    }

    public async ValueTask DisposeAsync()
    {
        _toolCallWriter.Dispose();
        await _events.DisposeAsync().ConfigureAwait(false);
    }
}
