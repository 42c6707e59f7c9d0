using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;
using Switchboard.Server.Auth;

namespace Switchboard.Server.Classic;

/// <summary>Serves the original service's model lists, <c>GET /api/v1/models/</c> (optionally <c>?provider=</c>) and <c>GET /api/v1/models/{provider}/models</c>.</summary>
/// <remarks>
/// The models are those of <c>/v1/models</c> for the same caller (tier, key allowlist, private models), with what the
/// original service's clients read: the providers that serve each one, its type, capabilities, context window and the
/// user prices. A provider filter keeps the models with at least one source it admits (<see cref="SourceFilter"/>);
/// a filter nothing matches gives an empty list.
/// </remarks>
internal static class ClassicModelsEndpoint
{
    public static ClassicModelListView List(HttpContext context, ChatPipeline pipeline, string? provider)
    {
        provider = string.IsNullOrWhiteSpace(provider) ? null : provider.Trim();
        var models = pipeline.ListModels(GatewayAuthMiddleware.GetCaller(context));
        var data = new List<ClassicModelView>(models.Count);
        foreach (var model in models)
        {
            if (SourceFilter.AdmitsAny(model, provider))
            {
                data.Add(View(model));
            }
        }

        return new ClassicModelListView("list", provider, data);
    }

    private static ClassicModelView View(CatalogEntry model) => new(
        model.Id,
        "model",
        model.DisplayName,
        model.Type,
        model.OwnedBy,
        [.. model.Sources
            .Select(s => s.Platform.Config)
            .DistinctBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => new ClassicProviderView(p.Name, p.Kind, p.Preset))],
        model.Capabilities,
        model.ContextWindow,
        model.Tags,
        new ClassicPriceView("USD", model.UserInputPricePerMillion, model.UserOutputPricePerMillion, model.UserCachedInputPricePerMillion, model.UserCacheWritePricePerMillion));
}
