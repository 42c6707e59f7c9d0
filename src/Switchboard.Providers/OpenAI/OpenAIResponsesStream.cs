using System.Runtime.InteropServices;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Http;
using Switchboard.Providers.Sse;

namespace Switchboard.Providers.OpenAI;

/// <summary>Reads an OpenAI Responses stream from a platform that serves the Responses API natively, for a Responses client.</summary>
/// <remarks>
/// The client's writer takes the events unchanged (every event type, including ones the canonical form does not model);
/// this only scans them: the identity from <c>response.created</c>, text sizes from the delta events, and usage and the
/// finish from the terminal <c>response.completed</c> / <c>response.incomplete</c>. <c>response.failed</c> and
/// <c>error</c> fail the stream. A sink that does not take Responses events gets the text and tool calls as canonical
/// events instead. The stream must end with a terminal event: a connection that closes before it is a cut.
/// </remarks>
internal sealed class OpenAIResponsesStream : IChatStream
{
    private readonly UpstreamEventSource _events;
    private int _toolIndex = -1;
    private bool _ended;

    private OpenAIResponsesStream(UpstreamEventSource events) => _events = events;

    public static async ValueTask<OpenAIResponsesStream> OpenAsync(HttpResponseMessage response, UpstreamChatCall call, IDisposable? requestBody, CancellationToken cancellationToken) =>
        new(await UpstreamEventSource.OpenAsync(response, call, requestBody, cancellationToken).ConfigureAwait(false));

    public TokenUsage Usage { get; private set; }

    public UsageSource UsageSource { get; private set; }

    public long DeliveredTextBytes { get; private set; }

    public string? FinishReason { get; private set; }

    public UpstreamError? Error { get; private set; }

    public ChunkIdentity Identity { get; private set; }

    public async ValueTask<StreamStep> ReadAsync(IChatStreamSink sink, CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return Error is null ? StreamStep.Completed : StreamStep.Failed;
        }

        _events.ArmIdle();
        var (hasEvent, readError) = await _events.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return Fail(readError);
        }

        if (!hasEvent)
        {
            return Fail(_events.ClosedEarly("response.completed"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(_events.DataMemory);
        }
        catch (JsonException)
        {
            return Fail(UpstreamErrorFactory.Malformed(_events.PlatformName, "a stream event is not JSON"));
        }

        using (document)
        {
            var data = document.RootElement;
            var type = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is "response.failed" or "error")
            {
                return Fail(ErrorOf(data));
            }

            var passthrough = sink.PassthroughProtocol == ClientProtocols.OpenAIResponses;
            if (passthrough)
            {
                sink.WriteRaw(_events.EventName, _events.Data);
            }

            Scan(type, data, passthrough ? null : sink);
            if (type is "response.completed" or "response.incomplete")
            {
                _ended = true;
                return StreamStep.Completed;
            }

            return StreamStep.Data;
        }
    }

    private void Scan(string? type, JsonElement data, IChatStreamSink? sink)
    {
        switch (type)
        {
            case "response.created" when data.TryGetProperty("response", out var response):
                var id = response.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                var model = response.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                var created = response.TryGetProperty("created_at", out var c) && c.TryGetInt64(out var seconds) ? seconds : 0;
                Identity = new ChunkIdentity(id, model, created);
                sink?.Write(ChatStreamEvent.Start(Identity));
                break;
            case "response.output_text.delta" or "response.function_call_arguments.delta" or "response.reasoning_summary_text.delta" or "response.reasoning_text.delta"
                when data.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.String:
                var literal = JsonMarshal.GetRawUtf8Value(delta);
                DeliveredTextBytes += Math.Max(0, literal.Length - 2);
                sink?.Write(type switch
                {
                    "response.output_text.delta" => ChatStreamEvent.Text(literal),
                    "response.function_call_arguments.delta" => ChatStreamEvent.ToolCallArguments(Math.Max(0, _toolIndex), literal),
                    _ => ChatStreamEvent.Reasoning(literal),
                });
                break;
            case "response.output_item.added" when sink is not null && data.TryGetProperty("item", out var item)
                && item.TryGetProperty("type", out var itemType) && itemType.ValueEquals("function_call"u8):
                _toolIndex++;
                sink.Write(ChatStreamEvent.ToolCallStart(
                    _toolIndex,
                    item.TryGetProperty("call_id", out var callId) && callId.ValueKind == JsonValueKind.String ? JsonMarshal.GetRawUtf8Value(callId) : "\"\""u8,
                    item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? JsonMarshal.GetRawUtf8Value(name) : "\"\""u8));
                break;
            case "response.completed" or "response.incomplete" when data.TryGetProperty("response", out var finished):
                if (OpenAIResponsesUsage.Read(finished) is { } usage)
                {
                    Usage = usage;
                    UsageSource = UsageSource.Reported;
                    sink?.Write(ChatStreamEvent.ForUsage(usage));
                }

                FinishReason = OpenAIResponsesUsage.FinishReason(finished);
                sink?.Write(ChatStreamEvent.Finish(FinishReason));
                break;
        }
    }

    private UpstreamError ErrorOf(JsonElement data)
    {
        var error = data.TryGetProperty("response", out var response) && response.TryGetProperty("error", out var inner) && inner.ValueKind == JsonValueKind.Object
            ? inner
            : data;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return new UpstreamError(UpstreamErrorKind.ServerError, message ?? $"Upstream '{_events.PlatformName}' reported an error mid-stream.") { UpstreamCode = code, UpstreamStatus = 200 };
    }

    private StreamStep Fail(UpstreamError error)
    {
        Error = error;
        _ended = true;
        return StreamStep.Failed;
    }

    public ValueTask DisposeAsync() => _events.DisposeAsync();
}
