using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Routing;

/// <summary>Fills in what a catalog model leaves unsaid from its sources, one rule for the routing snapshot (model lists) and the admin catalog.</summary>
internal static class CatalogModelTraits
{
    /// <summary>Returns the capabilities the model declares, or else every capability its sources declare.</summary>
    public static IReadOnlyList<string> Capabilities(IReadOnlyList<string> declared, IEnumerable<PlatformModelConfig?> sources) =>
        declared.Count > 0 ? declared : [.. sources.SelectMany(s => s?.Capabilities ?? []).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Returns the context window the model declares, or else the first source's that knows one.</summary>
    public static int? ContextWindow(int? declared, IEnumerable<PlatformModelConfig?> sources) =>
        declared ?? sources.Select(s => s?.ContextWindow).FirstOrDefault(c => c is not null);
}
