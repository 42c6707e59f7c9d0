using System.Collections.Frozen;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Providers.Presets;

/// <summary>Holds the built-in vendor presets as data: a new OpenAI-compatible vendor is a few lines here.</summary>
/// <remarks>
/// Option names are read by the <c>openai</c> kind: <c>max_tokens_field</c> renames the output cap,
/// <c>stream_usage</c> turns off <c>stream_options.include_usage</c> for servers that reject it, and
/// <c>auth_header</c>/<c>auth_scheme</c> change how the key is sent.
/// </remarks>
public sealed class BuiltInPresets : IPlatformPresets
{
    private static readonly FrozenDictionary<string, string> None = FrozenDictionary<string, string>.Empty;

    private static readonly PlatformPreset[] Presets =
    [
        new("openai", ProviderKinds.OpenAI, "https://api.openai.com/v1", None),
        // DeepSeek documents max_tokens only; its newest models enable thinking unless told otherwise.
        new("deepseek", ProviderKinds.OpenAI, "https://api.deepseek.com/v1", Options(("max_tokens_field", "max_tokens"))),
        new("dashscope", ProviderKinds.OpenAI, "https://dashscope.aliyuncs.com/compatible-mode/v1", Options(("max_tokens_field", "max_tokens"))),
        new("qianfan", ProviderKinds.OpenAI, "https://qianfan.baidubce.com/v2", Options(("max_tokens_field", "max_tokens"))),
        new("hunyuan", ProviderKinds.OpenAI, "https://api.hunyuan.cloud.tencent.com/v1", Options(("max_tokens_field", "max_tokens"))),
        new("zhipu", ProviderKinds.OpenAI, "https://open.bigmodel.cn/api/paas/v4", Options(("max_tokens_field", "max_tokens"))),
        new("moonshot", ProviderKinds.OpenAI, "https://api.moonshot.cn/v1", Options(("max_tokens_field", "max_tokens"))),
        new("modelscope", ProviderKinds.OpenAI, "https://api-inference.modelscope.cn/v1", Options(("max_tokens_field", "max_tokens"))),
        new("siliconflow", ProviderKinds.OpenAI, "https://api.siliconflow.cn/v1", Options(("max_tokens_field", "max_tokens"))),
        new("openrouter", ProviderKinds.OpenAI, "https://openrouter.ai/api/v1", None),
        new("ollama", ProviderKinds.OpenAI, "http://localhost:11434/v1", Options(("max_tokens_field", "max_tokens")), RequiresKey: false),
        new("vllm", ProviderKinds.OpenAI, "http://localhost:8000/v1", Options(("max_tokens_field", "max_tokens")), RequiresKey: false),
        new("anthropic", ProviderKinds.Anthropic, "https://api.anthropic.com/v1", None),
        new("gemini", ProviderKinds.Gemini, "https://generativelanguage.googleapis.com/v1beta", None),
    ];

    /// <summary>Extra hosts that identify a preset from a classic config that gives only a base URL.</summary>
    private static readonly (string Host, string Preset)[] AlternateHosts =
    [
        ("api.deepseek.com", "deepseek"),
        ("dashscope-intl.aliyuncs.com", "dashscope"),
        ("dashscope-us.aliyuncs.com", "dashscope"),
        ("api.z.ai", "zhipu"),
        ("api.moonshot.ai", "moonshot"),
        ("api.siliconflow.com", "siliconflow"),
    ];

    private readonly FrozenDictionary<string, PlatformPreset> _byName =
        Presets.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, PlatformPreset> _byHost = BuildHostIndex();

    /// <inheritdoc />
    public IReadOnlyCollection<PlatformPreset> All => Presets;

    /// <inheritdoc />
    public PlatformPreset? Find(string name) => _byName.GetValueOrDefault(name);

    /// <inheritdoc />
    public PlatformPreset? MatchBaseUrl(Uri baseUrl)
    {
        // Local servers share hosts (localhost) so they are matched by port too.
        if (baseUrl.IsLoopback)
        {
            return baseUrl.Port switch
            {
                11434 => Find("ollama"),
                8000 => Find("vllm"),
                _ => null,
            };
        }

        return _byHost.GetValueOrDefault(baseUrl.Host);
    }

    private static FrozenDictionary<string, PlatformPreset> BuildHostIndex()
    {
        var byHost = new Dictionary<string, PlatformPreset>(StringComparer.OrdinalIgnoreCase);
        foreach (var preset in Presets)
        {
            var host = new Uri(preset.BaseUrl).Host;
            if (host != "localhost")
            {
                byHost[host] = preset;
            }
        }

        foreach (var (host, name) in AlternateHosts)
        {
            byHost[host] = Presets.First(p => p.Name == name);
        }

        return byHost.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static FrozenDictionary<string, string> Options(params (string Name, string Value)[] options) =>
        options.ToFrozenDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
}
