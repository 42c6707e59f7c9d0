using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Requests;

namespace Switchboard.Core.Embedded;

/// <summary>Exposes one Switchboard model as an <see cref="IChatClient"/> that routes, fails over and bills exactly like the HTTP gateway.</summary>
/// <remarks>
/// Messages are written as the canonical OpenAI body and run through the same <see cref="ChatPipeline"/>.
/// Thread-safe; disposing it does nothing because the engine owns every resource.
/// </remarks>
internal sealed class SwitchboardChatClient(ChatPipeline pipeline, string modelId, CallerIdentity caller, string? agentName, TimeProvider time, SwitchboardUsage? usage = null) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("switchboard", null, modelId);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = Parse(messages, options, stream: false);
        var outcome = await pipeline.CompleteAsync(NewContext(), request, cancellationToken).ConfigureAwait(false);
        if (outcome.Error is { } error)
        {
            throw new SwitchboardException(error);
        }

        return ChatResponseJsonReader.ReadCompletion(outcome.Completion!.Json);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = Parse(messages, options, stream: true);
        var outcome = await pipeline.OpenStreamAsync(NewContext(), request, cancellationToken).ConfigureAwait(false);
        if (outcome.Error is { } error)
        {
            throw new SwitchboardException(error);
        }

        await using var stream = outcome.Stream!;
        var buffer = new ArrayBufferWriter<byte>(4096);
        var toolCalls = new Dictionary<int, ToolCallBuilder>();
        while (true)
        {
            buffer.ResetWrittenCount();
            var step = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            foreach (var data in SseEvents(buffer.WrittenMemory))
            {
                if (data.Span.SequenceEqual("[DONE]"u8))
                {
                    yield break;
                }

                if (ChatResponseJsonReader.ReadChunk(data.Span, toolCalls) is { } update)
                {
                    yield return update;
                }
            }

            if (step != StreamStep.Data)
            {
                yield break;
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(SwitchboardUsage) ? usage
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    private ChatCompletionRequest Parse(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var body = ChatRequestJsonWriter.Write(options?.ModelId ?? modelId, messages, options, stream);
        var (request, error) = ChatRequestParser.Parse(body);
        return error is null ? request! : throw new SwitchboardException(error);
    }

    private GatewayRequestContext NewContext() =>
        new(GatewayRequestContext.NewRequestId(), caller, time.GetUtcNow()) { AgentName = agentName };

    /// <summary>Splits the engine's own SSE output (always <c>data: …\n\n</c>) into event payloads.</summary>
    private static List<ReadOnlyMemory<byte>> SseEvents(ReadOnlyMemory<byte> bytes)
    {
        var events = new List<ReadOnlyMemory<byte>>();
        while (!bytes.IsEmpty)
        {
            var end = bytes.Span.IndexOf("\n\n"u8);
            var line = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? ReadOnlyMemory<byte>.Empty : bytes[(end + 2)..];
            if (line.Span.StartsWith("data: "u8))
            {
                events.Add(line[6..]);
            }
        }

        return events;
    }
}
