using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Pricing;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Anthropic;
using Switchboard.Providers.AzureOpenAI;
using Switchboard.Providers.Demo;
using Switchboard.Providers.Gemini;
using Switchboard.Providers.Http;
using Switchboard.Providers.OpenAI;
using Switchboard.Providers.Presets;
using Switchboard.Providers.Pricing;
using Switchboard.Providers.Probing;

namespace Switchboard.Providers;

/// <summary>Registers the built-in provider kinds and presets.</summary>
public static class ProviderServiceCollectionExtensions
{
    /// <summary>Adds every built-in provider kind, the upstream HTTP client pool and the vendor presets.</summary>
    public static IServiceCollection AddSwitchboardProviders(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        // Private platforms' connections pass the same guard as the probe, with the operator's probe allowlist.
        services.TryAddSingleton(provider => new UpstreamHttpClients(
            new NetworkGuard(provider.GetService<IOptions<ModelProbeOptions>>()?.Value.AllowList)));
        services.TryAddSingleton<IPlatformPresets, BuiltInPresets>();
        services.TryAddSingleton<IPriceListProviderNames, LiteLlmProviderNames>();
        services.AddSingleton<IProviderKind, OpenAIProvider>();
        services.AddSingleton<IProviderKind, AzureOpenAIProvider>();
        services.AddSingleton<IProviderKind, AnthropicProvider>();
        services.AddSingleton<IProviderKind, GeminiProvider>();
        services.AddSingleton<IProviderKind, DemoProvider>();
        return services;
    }
}
