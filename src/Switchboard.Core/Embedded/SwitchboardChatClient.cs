using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Requests;

namespace Switchboard.Core.Embedded;

/// <summary>Exposes one Switchboard model as an <see cref="IChatClient"/> that routes, fails over and bills exactly like the HTTP gateway.</summary>
/// <remarks>
/// Messages are written as the canonical OpenAI body and run through the same <see cref="ChatPipeline"/>; a streamed
/// answer comes back as canonical events that <see cref="ChatResponseUpdateWriter"/> turns into updates directly.
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

        return ChatResponses.From(outcome.Completion!);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = Parse(messages, options, stream: true);
        using var writer = new ChatResponseUpdateWriter();
        var outcome = await pipeline.OpenStreamAsync(NewContext(), request, writer, cancellationToken).ConfigureAwait(false);
        if (outcome.Error is { } error)
        {
            throw new SwitchboardException(error);
        }

        await using var stream = outcome.Stream!;
        var progress = new ArrayBufferWriter<byte>(256);
        var updates = new List<ChatResponseUpdate>();
        while (true)
        {
            progress.ResetWrittenCount();
            var step = await stream.ReadAsync(progress, cancellationToken).ConfigureAwait(false);
            writer.Drain(updates);
            foreach (var update in updates)
            {
                yield return update;
            }

            updates.Clear();
            if (writer.Failure is { } failure)
            {
                // The stream failed after its first event: the caller has what came before, then the gateway's error.
                throw new SwitchboardException(failure);
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
        new(GatewayRequestContext.NewRequestId(), caller, time.GetUtcNow()) { AgentName = agentName, Protocol = ClientProtocols.Embedded };
}
