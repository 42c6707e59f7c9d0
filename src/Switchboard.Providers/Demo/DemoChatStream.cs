using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Providers.Demo;

/// <summary>Streams the demo model's answer as canonical events: the start, one text event per piece (or the tool call), then the finish.</summary>
internal sealed class DemoChatStream(DemoScript script, string id, string model, long created) : IChatStream
{
    private int _next = -1;
    private int _delivered;

    public TokenUsage Usage { get; private set; }

    public UsageSource UsageSource { get; private set; }

    public long DeliveredTextBytes { get; private set; }

    public string? FinishReason { get; private set; }

    public UpstreamError? Error => null;

    public ChunkIdentity Identity { get; } = new(id, model, created);

    private int LastPiece => script.Pieces.Count + (script.ToolCallName is null ? 0 : 1);

    public ValueTask<StreamStep> ReadAsync(IChatStreamSink sink, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_next > LastPiece)
        {
            Usage = new TokenUsage(script.InputTokens, script.OutputTokens);
            UsageSource = UsageSource.Reported;
            return ValueTask.FromResult(StreamStep.Completed);
        }

        WritePiece(sink, _next);
        if (_next >= 0 && _next < script.Pieces.Count)
        {
            _delivered++;
            DeliveredTextBytes += script.Pieces[_next].Length;
        }

        if (_next == LastPiece)
        {
            FinishReason = script.FinishReason;
        }

        _next++;
        return ValueTask.FromResult(StreamStep.Data);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Writes piece -1 (the start), a text piece, the tool call, or (past them) the finish.</summary>
    private void WritePiece(IChatStreamSink sink, int piece)
    {
        if (piece < 0)
        {
            sink.Write(ChatStreamEvent.Start(Identity));
        }
        else if (piece < script.Pieces.Count)
        {
            sink.Write(ChatStreamEvent.Text(JsonStringLiteral.Encode(script.Pieces[piece])));
        }
        else if (script.ToolCallName is not null && piece == script.Pieces.Count)
        {
            sink.Write(ChatStreamEvent.ToolCallStart(
                0, JsonStringLiteral.Encode(DemoCompletionWriter.ToolCallId(id)), JsonStringLiteral.Encode(script.ToolCallName), argumentsJsonString: JsonStringLiteral.Encode(script.ToolCallArguments ?? "{}")));
        }
        else
        {
            sink.Write(ChatStreamEvent.Finish(script.FinishReason));
        }
    }
}
