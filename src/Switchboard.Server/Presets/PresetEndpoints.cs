using Switchboard.Abstractions.Providers;

namespace Switchboard.Server.Presets;

/// <summary>Serves the presets and provider kinds a platform can be created from, for the console's "add platform" form and for scripts.</summary>
/// <remarks>Any key may read it: users of <c>multi-custom</c> create private platforms too. It holds no secret, only vendors' public defaults.</remarks>
internal static class PresetEndpoints
{
    public static IEndpointRouteBuilder MapPresetEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/ai/presets", (IPlatformPresets presets, IEnumerable<IProviderKind> kinds) => TypedResults.Ok(new PresetCatalogView(
                [.. presets.All.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new PresetView(p.Name, p.Kind, p.BaseUrl, p.RequiresKey, p.Options))],
                [.. kinds.DistinctBy(k => k.Name, StringComparer.OrdinalIgnoreCase).OrderBy(k => k.Name, StringComparer.Ordinal).Select(k => new ProviderKindView(k.Name, k.RequiresApiKey))])))
            .WithTags("Classic: platforms")
            .WithSummary("Lists the vendor presets (name, kind, default base URL and options, whether a key is needed) and the provider kinds a platform can be created from.")
            .Produces<PresetCatalogView>();
        return routes;
    }
}
