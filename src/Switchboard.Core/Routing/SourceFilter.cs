using Switchboard.Core.Errors;

namespace Switchboard.Core.Routing;

/// <summary>Decides which sources a client's <c>provider</c> admits: a source matches when its platform's kind, preset or name equals it, ignoring case.</summary>
/// <remarks>
/// The original service's routes let a client pick "the OpenAI one" or "the qwen one" when a model has several sources.
/// The filter only narrows the sources routing may try; health, order, failover and keys work as without it. Stateless
/// and thread-safe.
/// </remarks>
internal static class SourceFilter
{
    /// <summary>Returns whether <paramref name="source"/> is admitted; a null or empty <paramref name="provider"/> admits every source.</summary>
    public static bool Admits(SourceEntry source, string? provider)
    {
        if (string.IsNullOrEmpty(provider))
        {
            return true;
        }

        var platform = source.Platform.Config;
        return string.Equals(platform.Kind, provider, StringComparison.OrdinalIgnoreCase)
            || string.Equals(platform.Preset, provider, StringComparison.OrdinalIgnoreCase)
            || string.Equals(platform.Name, provider, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Returns whether any source of <paramref name="model"/> is admitted; without a filter every model is, sources or not.</summary>
    public static bool AdmitsAny(CatalogEntry model, string? provider)
    {
        if (string.IsNullOrEmpty(provider))
        {
            return true;
        }

        foreach (var source in model.Sources)
        {
            if (Admits(source, provider))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the 404 for a model none of whose sources the filter admits, or null when one is admitted (or no filter is set).</summary>
    public static GatewayError? Refuse(CatalogEntry model, string? provider) =>
        AdmitsAny(model, provider) ? null : new GatewayError(404, "invalid_request_error", "provider_not_found",
            $"The model '{model.Id}' has no source from provider '{provider}'. A provider is a platform's kind, preset or name; leave 'provider' out to let routing choose.")
        {
            Param = "provider",
        };
}
