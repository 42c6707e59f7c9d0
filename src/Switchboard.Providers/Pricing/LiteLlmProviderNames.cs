using System.Collections.Frozen;
using Switchboard.Abstractions.Pricing;

namespace Switchboard.Providers.Pricing;

/// <summary>Maps provider kinds and presets to the provider prefixes LiteLLM's price list uses (<c>litellm_provider</c>).</summary>
/// <remarks>
/// Data, like the presets: a preset is more specific than its kind, so a DeepSeek platform (kind <c>openai</c>) looks up
/// <c>deepseek/…</c> and never <c>openai/…</c>. Vendors LiteLLM does not list (Qianfan, Hunyuan, ModelScope, the demo)
/// have no prefix and match by bare model name only.
/// </remarks>
public sealed class LiteLlmProviderNames : IPriceListProviderNames
{
    private static readonly FrozenDictionary<string, string[]> ByPreset = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = ["openai"],
        ["deepseek"] = ["deepseek"],
        ["dashscope"] = ["dashscope"],
        ["zhipu"] = ["zai"],
        ["moonshot"] = ["moonshot"],
        ["siliconflow"] = ["siliconflow"],
        ["openrouter"] = ["openrouter"],
        ["ollama"] = ["ollama", "ollama_chat"],
        ["vllm"] = ["hosted_vllm", "vllm"],
        ["anthropic"] = ["anthropic"],
        ["gemini"] = ["gemini"],
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string[]> ByKind = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        [ProviderKinds.OpenAI] = ["openai"],
        [ProviderKinds.Anthropic] = ["anthropic"],
        [ProviderKinds.Gemini] = ["gemini"],
        [ProviderKinds.AzureOpenAI] = ["azure"],
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IReadOnlyList<string> For(string kind, string? preset)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!string.IsNullOrEmpty(preset))
        {
            // A preset LiteLLM does not know (qianfan, hunyuan, ...) must not fall back to its kind's prefix: "openai/ernie-4.0" is not its price.
            return ByPreset.TryGetValue(preset, out var names) ? names : [];
        }

        return ByKind.TryGetValue(kind, out var byKind) ? byKind : [];
    }
}
