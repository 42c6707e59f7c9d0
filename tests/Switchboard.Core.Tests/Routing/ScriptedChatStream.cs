using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Tests.Routing;

/// <summary>A chat stream that returns scripted steps, writing one text event per data step.</summary>
internal sealed class ScriptedChatStream(params StreamStep[] steps) : IChatStream
{
    private int _next;

    public TokenUsage Usage => default;

    public UsageSource UsageSource => UsageSource.None;

    public long DeliveredTextBytes => 0;

    public string? FinishReason => null;

    public UpstreamError? Error { get; } = new(UpstreamErrorKind.Connection, "reset mid-stream");

    public ChunkIdentity Identity => default;

    public ValueTask<StreamStep> ReadAsync(IChatStreamSink sink, CancellationToken cancellationToken)
    {
        var step = steps[Math.Min(_next++, steps.Length - 1)];
        if (step == StreamStep.Data)
        {
            sink.Write(ChatStreamEvent.Text("\"x\""u8));
        }

        return ValueTask.FromResult(step);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
