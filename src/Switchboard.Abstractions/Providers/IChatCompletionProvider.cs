using Switchboard.Abstractions.Chat;

namespace Switchboard.Abstractions.Providers;

/// <summary>Calls an upstream's chat endpoint and returns OpenAI-shaped results.</summary>
/// <remarks>Implementations are singletons and thread-safe. Expected upstream failures are returned, not thrown.</remarks>
public interface IChatCompletionProvider : IProviderKind
{
    /// <summary>Sends a non-streamed chat call.</summary>
    ValueTask<UpstreamResult<ChatCompletion>> CompleteAsync(UpstreamChatCall call, CancellationToken cancellationToken);

    /// <summary>Starts a streamed chat call; the result is open once the upstream answered with a success status.</summary>
    ValueTask<UpstreamResult<IChatStream>> StreamAsync(UpstreamChatCall call, CancellationToken cancellationToken);
}
