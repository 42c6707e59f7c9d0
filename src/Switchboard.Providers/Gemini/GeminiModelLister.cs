using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Gemini;

/// <summary>Lists Gemini models through <c>GET /models</c>, following <c>nextPageToken</c> up to a page cap.</summary>
internal static class GeminiModelLister
{
    private const int PageSize = 1000;
    private const int MaxPages = 20;

    public static async ValueTask<UpstreamResult<ModelListResult>> ListAsync(
        UpstreamHttpClients clients, UpstreamTarget target, UpstreamTimeouts timeouts, CancellationToken cancellationToken)
    {
        var platform = target.Endpoint.PlatformName;
        var models = new List<UpstreamModelInfo>();
        string? pageToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var url = GeminiUrls.Models(target.Endpoint, PageSize, pageToken);
            using var request = GeminiSender.CreateRequest(HttpMethod.Get, url, target, body: null);
            var (response, error) = await GeminiSender.SendAsync(clients.For(target.Endpoint, url), request, platform, timeouts.FirstByte, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            byte[] json;
            using (response)
            {
                var (body, readError) = await UpstreamSender.ReadModelListAsync(response!, platform, timeouts, cancellationToken).ConfigureAwait(false);
                if (readError is not null)
                {
                    return readError;
                }

                json = body!;
            }

            var pageError = ReadPage(json, platform, models, out pageToken);
            if (pageError is not null)
            {
                return pageError;
            }

            if (string.IsNullOrEmpty(pageToken))
            {
                break;
            }
        }

        return new ModelListResult { Models = models };
    }

    private static UpstreamError? ReadPage(byte[] json, string platform, List<UpstreamModelInfo> models, out string? nextPageToken)
    {
        nextPageToken = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return UpstreamErrorFactory.Malformed(platform, "the model list is not a JSON object");
            }

            if (root.TryGetProperty("models", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var model in list.EnumerateArray())
                {
                    if (GeminiJson.StringOf(model, "name") is { Length: > 0 } name)
                    {
                        models.Add(new UpstreamModelInfo(
                            GeminiUrls.BareId(name), GeminiJson.StringOf(model, "displayName"), Limit(model, "inputTokenLimit"), Limit(model, "outputTokenLimit")));
                    }
                }
            }

            nextPageToken = GeminiJson.StringOf(root, "nextPageToken");
            return null;
        }
        catch (JsonException)
        {
            return UpstreamErrorFactory.Malformed(platform, "the model list is not JSON");
        }
    }

    private static int? Limit(JsonElement model, string name) =>
        model.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var limit) ? limit : null;
}
