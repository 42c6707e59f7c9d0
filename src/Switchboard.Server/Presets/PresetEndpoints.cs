using Switchboard.Abstractions.Providers;

namespace Switchboard.Server.Presets;

/// <summary>Serves the presets and provider kinds a platform can be created from, for the console's "add platform" form and for scripts.</summary>
/// <remarks>It holds no secret, only vendors' public defaults: base URLs, the header a key travels in, and the quirk options.</remarks>
internal static class PresetEndpoints
{
    public static IEndpointRouteBuilder MapPresetEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/presets", (IPlatformPresets presets, IEnumerable<IProviderKind> kinds) => TypedResults.Ok(List(presets, kinds)))
            .WithTags("Admin: platforms")
            .WithName("ListPresets")
            .WithSummary("Lists the vendor presets (name, kind, default base URL, the header the key is sent in, quirk options, whether a key is needed) and the provider kinds a platform can be created from. Holds no secret.")
            .Produces<PresetCatalogView>();
        return routes;
    }

    /// <summary>Builds the list: presets and kinds by name; a preset's key header is its kind's answer for the preset's options.</summary>
    internal static PresetCatalogView List(IPlatformPresets presets, IEnumerable<IProviderKind> kinds)
    {
        var byName = kinds.DistinctBy(k => k.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);
        return new PresetCatalogView(
            [.. presets.All.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new PresetView(
                p.Name,
                p.Kind,
                p.BaseUrl,
                p.RequiresKey,
                KeyHeader(byName.GetValueOrDefault(p.Kind), Endpoint(p.Name, p.Kind, p.BaseUrl, p.Options)),
                p.Options))],
            [.. byName.Values.OrderBy(k => k.Name, StringComparer.Ordinal).Select(k => new ProviderKindView(
                k.Name,
                k.RequiresApiKey,
                KeyHeader(k, Endpoint(k.Name, k.Name, "http://localhost", new Dictionary<string, string>()))))]);
    }

    private static UpstreamEndpoint Endpoint(string name, string kind, string baseUrl, IReadOnlyDictionary<string, string> options) =>
        new() { PlatformName = name, Kind = kind, BaseUrl = new Uri(baseUrl), Options = options };

    private static KeyHeaderView? KeyHeader(IProviderKind? kind, UpstreamEndpoint endpoint) =>
        kind?.KeyHeader(endpoint) is { } header ? new KeyHeaderView(header.Name, header.Scheme) : null;
}
