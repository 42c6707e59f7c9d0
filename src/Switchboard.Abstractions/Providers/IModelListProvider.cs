using Switchboard.Abstractions.Chat;

namespace Switchboard.Abstractions.Providers;

/// <summary>Lists the models an upstream serves (its <c>/models</c> endpoint or equivalent).</summary>
public interface IModelListProvider : IProviderKind
{
    /// <summary>Fetches the model list. The target's model is ignored.</summary>
    ValueTask<UpstreamResult<ModelListResult>> ListModelsAsync(UpstreamTarget target, UpstreamTimeouts timeouts, CancellationToken cancellationToken);
}
