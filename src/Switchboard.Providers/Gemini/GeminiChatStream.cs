using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Http;
using Switchboard.Providers.Sse;

namespace Switchboard.Providers.Gemini;

/// <summary>Translates a Gemini <c>streamGenerateContent?alt=sse</c> stream into OpenAI chunks, one upstream event per read.</summary>
/// <remarks>
/// Each event is a whole <c>GenerateContentResponse</c> carrying only new parts. A choice opens with a role chunk;
/// text parts become <c>content</c> deltas, thought parts <c>reasoning_content</c> deltas, and each
/// <c>functionCall</c> part a complete tool call with the next tool index of its choice. <c>usageMetadata</c> may
/// come on several events; the last one wins. Gemini sends no end marker: a closed connection completes the stream
/// only after a <c>finishReason</c>, otherwise it is a cut (<see cref="UpstreamErrorKind.Connection"/>). An
/// <c>error</c> object in an event fails the stream with the kind its Google RPC status names.
/// </remarks>
internal sealed class GeminiChatStream : IChatStream
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly SseEventReader _events;
    private readonly IdleTimeout _idle;
    private readonly string _platformName;
    private readonly string _upstreamModel;
    private readonly long _created;
    private readonly IDisposable? _requestBody;
    private readonly GeminiChunkWriter _chunks = new();
    private int[] _toolCalls = new int[1];
    private bool[] _opened = new bool[1];
    private bool _identityKnown;
    private bool _finished;

    private GeminiChatStream(HttpResponseMessage response, Stream body, IdleTimeout idle, string platformName, string upstreamModel, long created, IDisposable? requestBody)
    {
        _response = response;
        _body = body;
        _idle = idle;
        _platformName = platformName;
        _upstreamModel = upstreamModel;
        _created = created;
        _requestBody = requestBody;
        _events = new SseEventReader(PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 8192, leaveOpen: true)));
    }

    public static async ValueTask<GeminiChatStream> OpenAsync(
        HttpResponseMessage response, TimeSpan idle, string platformName, string upstreamModel, long created, IDisposable? requestBody, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new GeminiChatStream(response, body, new IdleTimeout(idle, cancellationToken), platformName, upstreamModel, created, requestBody);
    }

    public TokenUsage Usage { get; private set; }

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
            return _finished
                ? StreamStep.Completed
                : Fail(new UpstreamError(UpstreamErrorKind.Connection, $"Upstream '{_platformName}' closed the stream before it finished."));
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
            return Translate(doc.RootElement, output);
        }
    }

    private StreamStep Translate(JsonElement root, IBufferWriter<byte> output)
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
            _chunks.SetIdentity(Identity);
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
            TranslateCandidate(candidate, choice, output);
            position++;
        }

        return StreamStep.Data;
    }

    private void TranslateCandidate(JsonElement candidate, int choice, IBufferWriter<byte> output)
    {
        if (choice >= _opened.Length)
        {
            Array.Resize(ref _opened, choice + 1);
            Array.Resize(ref _toolCalls, choice + 1);
        }

        if (!_opened[choice])
        {
            _chunks.Role(output, choice);
            _opened[choice] = true;
        }

        if (candidate.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
            && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (part.TryGetProperty("functionCall", out var call) && call.ValueKind == JsonValueKind.Object)
                {
                    DeliveredTextBytes += _chunks.ToolCall(output, choice, _toolCalls[choice]++, part, call);
                }
                else if (part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && !text.ValueEquals(""u8))
                {
                    DeliveredTextBytes += _chunks.Text(output, choice, text, GeminiResponseMapper.IsThought(part));
                }
            }
        }

        if (candidate.TryGetProperty("finishReason", out var reason) && reason.ValueKind == JsonValueKind.String)
        {
            var finish = GeminiFinishReasons.ToOpenAI(reason.GetString(), _toolCalls[choice] > 0);
            _chunks.Finish(output, choice, finish);
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
        _events.Dispose();
        _idle.Dispose();
        _chunks.Dispose();
        await _body.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _requestBody?.Dispose();
    }
}
