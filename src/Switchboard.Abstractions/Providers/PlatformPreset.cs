namespace Switchboard.Abstractions.Providers;

/// <summary>Names the defaults of an OpenAI-compatible vendor: kind, base URL, options and quirks. Data, not code.</summary>
/// <param name="Name">The preset name used in configuration (<c>deepseek</c>, <c>dashscope</c>, ...).</param>
/// <param name="Kind">The wire protocol.</param>
/// <param name="BaseUrl">The default base URL.</param>
/// <param name="Options">Kind-specific settings that describe the vendor's quirks.</param>
/// <param name="RequiresKey">Whether calls need a credential.</param>
public sealed record PlatformPreset(string Name, string Kind, string BaseUrl, IReadOnlyDictionary<string, string> Options, bool RequiresKey = true);
