namespace Switchboard.Abstractions.Providers;

/// <summary>Describes one model an upstream says it serves.</summary>
/// <param name="Id">The upstream model id.</param>
/// <param name="DisplayName">A human name, when the upstream gives one.</param>
/// <param name="ContextWindow">The input token limit, when known.</param>
/// <param name="MaxOutputTokens">The output token limit, when known.</param>
public sealed record UpstreamModelInfo(string Id, string? DisplayName = null, int? ContextWindow = null, int? MaxOutputTokens = null);
