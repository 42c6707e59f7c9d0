using System.Buffers;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Providers.Demo;

/// <summary>Streams the demo model's answer: a role chunk, one chunk per piece (or the tool call), then the finish chunk.</summary>
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

    public ValueTask<StreamStep> ReadAsync(IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_next > LastPiece)
        {
            Usage = new TokenUsage(script.InputTokens, script.OutputTokens);
            UsageSource = UsageSource.Reported;
            return ValueTask.FromResult(StreamStep.Completed);
        }

        DemoChunkWriter.Chunk(output, script, id, model, created, _next);
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
}
