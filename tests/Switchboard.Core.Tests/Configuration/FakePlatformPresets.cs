using Switchboard.Abstractions.Providers;

namespace Switchboard.Core.Tests.Configuration;

/// <summary>A few presets as data, so loader tests need no Providers project.</summary>
internal sealed class FakePlatformPresets : IPlatformPresets
{
    private static readonly Dictionary<string, string> NoOptions = new(StringComparer.Ordinal);

    public IReadOnlyCollection<PlatformPreset> All { get; } =
    [
        new("deepseek", "openai", "https://api.deepseek.com/v1", NoOptions),
        new("dashscope", "openai", "https://dashscope.aliyuncs.com/compatible-mode/v1", new Dictionary<string, string> { ["max_tokens_field"] = "max_tokens" }),
        new("ollama", "openai", "http://localhost:11434/v1", NoOptions, RequiresKey: false),
    ];

    public PlatformPreset? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public PlatformPreset? MatchBaseUrl(Uri baseUrl) =>
        All.FirstOrDefault(p => string.Equals(new Uri(p.BaseUrl).Host, baseUrl.Host, StringComparison.OrdinalIgnoreCase));
}
