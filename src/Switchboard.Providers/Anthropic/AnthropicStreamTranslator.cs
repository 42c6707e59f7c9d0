using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Anthropic;

/// <summary>Translates Anthropic stream events, one at a time, into canonical stream events, and scans each for usage, finish and errors.</summary>
/// <remarks>
/// Follows providers.md §2.9: <c>message_start</c> opens the answer; a <c>tool_use</c> block start takes the next
/// tool index (only tool blocks count, so text or thinking blocks before it leave no gaps); text, thinking and
/// input-JSON deltas become text, reasoning and arguments fragments; a thinking signature is forwarded whole;
/// <c>message_delta</c> writes the finish and folds its cumulative usage over <c>message_start</c>'s input and cache
/// counts. With no sink (an Anthropic client, whose events pass through) it only scans. Pure and IO-free, so it can be
/// benchmarked alone. Not thread-safe; one instance per stream.
/// </remarks>
internal sealed class AnthropicStreamTranslator(string platformName, string fallbackModel, long created)
{
    private int[] _toolIndexByBlock = [];
    private int _nextToolIndex;
    private bool _started;
    private AnthropicUsage _usage;

    public TokenUsage Usage { get; private set; }

    public UsageSource UsageSource { get; private set; }

    public long DeliveredTextBytes { get; private set; }

    public string? FinishReason { get; private set; }

    public UpstreamError? Error { get; private set; }

    public ChunkIdentity Identity { get; private set; }

    /// <summary>Translates one event to <paramref name="sink"/> (null: scan only); <paramref name="eventName"/> is the SSE <c>event:</c> field, used when the data has no type.</summary>
    public AnthropicStreamOutcome Translate(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data, IChatStreamSink? sink)
    {
        if (!AnthropicEventScanner.TryScan(data, out var scan))
        {
            return Fail(UpstreamErrorFactory.Malformed(platformName, "a stream event is not a JSON object"));
        }

        var type = scan.Type == AnthropicStreamEventType.Unknown && !eventName.IsEmpty ? AnthropicEventScanner.TypeOf(eventName) : scan.Type;
        switch (type)
        {
            case AnthropicStreamEventType.MessageStart:
                Start(scan, data);
                if (scan.HasUsage)
                {
                    // Input and cache counts are final here; output grows until message_delta reports the total.
                    _usage.MergeFrom(scan.Usage);
                    Usage = _usage.ToTokenUsage();
                    UsageSource = UsageSource.Partial;
                }

                sink?.Write(ChatStreamEvent.Start(Identity));
                return AnthropicStreamOutcome.Wrote;
            case AnthropicStreamEventType.ContentBlockStart:
                return BlockStart(scan, data, sink);
            case AnthropicStreamEventType.ContentBlockDelta:
                return BlockDelta(scan, data, sink);
            case AnthropicStreamEventType.MessageDelta:
                return MessageDelta(scan, data, sink);
            case AnthropicStreamEventType.MessageStop:
                return AnthropicStreamOutcome.Completed;
            case AnthropicStreamEventType.Ping:
                return AnthropicStreamOutcome.KeepAlive;
            case AnthropicStreamEventType.Error:
                return Fail(ErrorOf(scan, data));
            default:
                // content_block_stop and event types added after this was written carry nothing to forward.
                return AnthropicStreamOutcome.Ignored;
        }
    }

    private void Start(in AnthropicStreamEvent scan, ReadOnlySpan<byte> data)
    {
        if (_started)
        {
            return;
        }

        var id = scan.MessageId.IsEmpty ? null : Decode(scan.MessageId, data);
        var model = scan.Model.IsEmpty ? fallbackModel : Decode(scan.Model, data);
        SetIdentity(id is null ? null : AnthropicResponseMapper.ToChatCompletionId(id), model);
    }

    private void SetIdentity(string? id, string model)
    {
        id ??= "chatcmpl-" + Guid.NewGuid().ToString("N");
        Identity = new ChunkIdentity(id, model, created);
        _started = true;
    }

    private AnthropicStreamOutcome BlockStart(in AnthropicStreamEvent scan, ReadOnlySpan<byte> data, IChatStreamSink? sink)
    {
        EnsureStarted(sink);
        switch (scan.Block)
        {
            case AnthropicBlockType.ToolUse:
                var toolIndex = _nextToolIndex++;
                MapBlock(scan.Index, toolIndex);
                sink?.Write(ChatStreamEvent.ToolCallStart(toolIndex, scan.ToolId.Raw(data), scan.ToolName.Raw(data)));
                return AnthropicStreamOutcome.Wrote;
            case AnthropicBlockType.Text when !scan.Text.IsEmpty:
                DeliveredTextBytes += scan.TextBytes;
                sink?.Write(ChatStreamEvent.Text(scan.Text.Raw(data)));
                return AnthropicStreamOutcome.Wrote;
            case AnthropicBlockType.Thinking when !scan.Text.IsEmpty:
                DeliveredTextBytes += scan.TextBytes;
                sink?.Write(ChatStreamEvent.Reasoning(scan.Text.Raw(data)));
                return AnthropicStreamOutcome.Wrote;
            default:
                return AnthropicStreamOutcome.Ignored;
        }
    }

    private AnthropicStreamOutcome BlockDelta(in AnthropicStreamEvent scan, ReadOnlySpan<byte> data, IChatStreamSink? sink)
    {
        if (scan.Text.IsEmpty)
        {
            return AnthropicStreamOutcome.Ignored;
        }

        EnsureStarted(sink);
        switch (scan.Block)
        {
            case AnthropicBlockType.Text:
                DeliveredTextBytes += scan.TextBytes;
                sink?.Write(ChatStreamEvent.Text(scan.Text.Raw(data)));
                return AnthropicStreamOutcome.Wrote;
            case AnthropicBlockType.Thinking:
                DeliveredTextBytes += scan.TextBytes;
                sink?.Write(ChatStreamEvent.Reasoning(scan.Text.Raw(data)));
                return AnthropicStreamOutcome.Wrote;
            case AnthropicBlockType.InputJson:
                // Server-tool blocks also stream input_json_delta; only blocks that got an OpenAI tool index are forwarded.
                var toolIndex = ToolIndexOf(scan.Index);
                if (toolIndex < 0)
                {
                    return AnthropicStreamOutcome.Ignored;
                }

                DeliveredTextBytes += scan.TextBytes;
                sink?.Write(ChatStreamEvent.ToolCallArguments(toolIndex, scan.Text.Raw(data)));
                return AnthropicStreamOutcome.Wrote;
            case AnthropicBlockType.Signature:
                sink?.Write(ChatStreamEvent.ReasoningSignature(scan.Text.Raw(data)));
                return AnthropicStreamOutcome.Wrote;
            default:
                return AnthropicStreamOutcome.Ignored;
        }
    }

    private AnthropicStreamOutcome MessageDelta(in AnthropicStreamEvent scan, ReadOnlySpan<byte> data, IChatStreamSink? sink)
    {
        if (scan.HasUsage)
        {
            _usage.MergeFrom(scan.Usage);
            Usage = _usage.ToTokenUsage();
            UsageSource = UsageSource.Reported;
        }

        if (scan.StopReason.IsEmpty || FinishReason is not null)
        {
            return AnthropicStreamOutcome.Ignored;
        }

        EnsureStarted(sink);
        FinishReason = AnthropicStopReasons.ToFinishReason(scan.StopReason.Inner(data));
        sink?.Write(ChatStreamEvent.Finish(FinishReason));
        return AnthropicStreamOutcome.Wrote;
    }

    private UpstreamError ErrorOf(in AnthropicStreamEvent scan, ReadOnlySpan<byte> data)
    {
        var type = scan.ErrorType.IsEmpty ? null : Decode(scan.ErrorType, data);
        var kind = type is null ? UpstreamErrorKind.ServerError : AnthropicErrors.KindOf(scan.ErrorType.Inner(data));
        var message = scan.ErrorMessage.IsEmpty ? $"Upstream '{platformName}' reported an error mid-stream." : Decode(scan.ErrorMessage, data);
        return new UpstreamError(kind, message) { UpstreamCode = type };
    }

    private void EnsureStarted(IChatStreamSink? sink)
    {
        // A conforming stream always opens with message_start; this only keeps the answer well-formed if one does not.
        if (!_started)
        {
            SetIdentity(null, fallbackModel);
            sink?.Write(ChatStreamEvent.Start(Identity));
        }
    }

    private void MapBlock(int blockIndex, int toolIndex)
    {
        if (blockIndex is < 0 or > 4096)
        {
            return;
        }

        if (blockIndex >= _toolIndexByBlock.Length)
        {
            var larger = new int[Math.Max(blockIndex + 1, Math.Max(8, _toolIndexByBlock.Length * 2))];
            larger.AsSpan().Fill(-1);
            _toolIndexByBlock.CopyTo(larger, 0);
            _toolIndexByBlock = larger;
        }

        _toolIndexByBlock[blockIndex] = toolIndex;
    }

    private int ToolIndexOf(int blockIndex) =>
        blockIndex >= 0 && blockIndex < _toolIndexByBlock.Length ? _toolIndexByBlock[blockIndex] : -1;

    private AnthropicStreamOutcome Fail(UpstreamError error)
    {
        Error = error;
        return AnthropicStreamOutcome.Failed;
    }

    private static string Decode(JsonToken token, ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(token.Raw(data));
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(token.Inner(data));
    }
}
