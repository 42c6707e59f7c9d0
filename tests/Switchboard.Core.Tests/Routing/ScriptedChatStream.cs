using System.Buffers;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Tests.Routing;

/// <summary>A chat stream that returns scripted steps, writing one byte per data step.</summary>
internal sealed class ScriptedChatStream(params StreamStep[] steps) : IChatStream
{
    private int _next;

    public TokenUsage Usage => default;

    public UsageSource UsageSource => UsageSource.None;

    public long DeliveredTextBytes => 0;

    public string? FinishReason => null;

    public UpstreamError? Error { get; } = new(UpstreamErrorKind.Connection, "reset mid-stream");

    public ChunkIdentity Identity => default;

    public ValueTask<StreamStep> ReadAsync(IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        var step = steps[Math.Min(_next++, steps.Length - 1)];
        if (step == StreamStep.Data)
        {
            output.GetSpan(1)[0] = (byte)'x';
            output.Advance(1);
        }

        return ValueTask.FromResult(step);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
