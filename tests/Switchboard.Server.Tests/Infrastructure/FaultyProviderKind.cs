using System.Buffers;
using System.Text;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>A provider kind (<c>faulty</c>) with a bug: its calls throw, or its stream throws after its first chunk, as a broken translator would.</summary>
/// <remarks>Registered by tests through <see cref="GatewayHost.StartAsync"/>'s <c>services</c> hook; the exception message carries a fake secret so tests can check it never reaches a client.</remarks>
public sealed class FaultyProviderKind : IChatCompletionProvider
{
    public const string Secret = "sk-faulty-secret-must-not-leak";

    public string Name => "faulty";

    public bool RequiresApiKey => false;

    public ValueTask<UpstreamResult<ChatCompletion>> CompleteAsync(UpstreamChatCall call, CancellationToken cancellationToken) =>
        throw new NotImplementedException("provider bug while using " + Secret);

    public ValueTask<UpstreamResult<IChatStream>> StreamAsync(UpstreamChatCall call, CancellationToken cancellationToken) =>
        ValueTask.FromResult(UpstreamResult<IChatStream>.Success(new FaultyStream()));

    private sealed class FaultyStream : IChatStream
    {
        private int _reads;

        public TokenUsage Usage => default;

        public UsageSource UsageSource => UsageSource.None;

        public long DeliveredTextBytes { get; private set; }

        public string? FinishReason => null;

        public UpstreamError? Error => null;

        public ChunkIdentity Identity => default;

        public ValueTask<StreamStep> ReadAsync(IChatStreamSink sink, CancellationToken cancellationToken)
        {
            if (_reads++ > 0)
            {
                throw new NotImplementedException("translator bug while using " + Secret);
            }

            sink.Write(ChatStreamEvent.Start(new ChunkIdentity("chatcmpl-faulty", "boom", 1767225600)));
            sink.Write(ChatStreamEvent.Text("\"first\""u8));
            DeliveredTextBytes = 5;
            return ValueTask.FromResult(StreamStep.Data);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
