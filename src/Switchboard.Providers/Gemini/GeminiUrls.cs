using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Gemini;

/// <summary>Builds Gemini API URLs; the key never goes into them (it travels in <c>x-goog-api-key</c>).</summary>
internal static class GeminiUrls
{
    private const string ModelsPrefix = "models/";

    /// <summary>Gets the <c>generateContent</c> URL, or the <c>streamGenerateContent?alt=sse</c> one for a stream.</summary>
    public static Uri Generate(UpstreamEndpoint endpoint, string model, bool stream) => stream
        ? EndpointUrls.Append(endpoint.BaseUrl, ModelPath(model) + ":streamGenerateContent", "alt=sse")
        : EndpointUrls.Append(endpoint.BaseUrl, ModelPath(model) + ":generateContent");

    /// <summary>Gets the <c>batchEmbedContents</c> URL.</summary>
    public static Uri BatchEmbed(UpstreamEndpoint endpoint, string model) =>
        EndpointUrls.Append(endpoint.BaseUrl, ModelPath(model) + ":batchEmbedContents");

    /// <summary>Gets one page of the model list.</summary>
    public static Uri Models(UpstreamEndpoint endpoint, int pageSize, string? pageToken) =>
        EndpointUrls.Append(endpoint.BaseUrl, "models",
            pageToken is null ? $"pageSize={pageSize}" : $"pageSize={pageSize}&pageToken={Uri.EscapeDataString(pageToken)}");

    /// <summary>Gets the resource name <c>models/{id}</c> that request bodies use.</summary>
    public static string ResourceName(string model) => ModelsPrefix + BareId(model);

    /// <summary>Strips the <c>models/</c> prefix some configurations copy from the model list.</summary>
    public static string BareId(string model) =>
        model.StartsWith(ModelsPrefix, StringComparison.Ordinal) ? model[ModelsPrefix.Length..] : model;

    // The id is escaped as one path segment so a configured name can never add path or query parts.
    private static string ModelPath(string model) => ModelsPrefix + Uri.EscapeDataString(BareId(model));
}
