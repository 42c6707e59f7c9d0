using Switchboard.Abstractions.Chat;

namespace Switchboard.Abstractions.Providers;

/// <summary>Calls an upstream's embeddings endpoint.</summary>
public interface IEmbeddingProvider : IProviderKind
{
    /// <summary>Sends one embeddings call.</summary>
    ValueTask<UpstreamResult<EmbeddingResult>> EmbedAsync(EmbeddingCall call, CancellationToken cancellationToken);
}
