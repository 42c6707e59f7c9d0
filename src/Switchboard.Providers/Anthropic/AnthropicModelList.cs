using System.Text.Json;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Providers.Anthropic;

/// <summary>Reads one page of Anthropic's <c>GET /v1/models</c> list.</summary>
internal static class AnthropicModelList
{
    /// <summary>Adds the page's models to <paramref name="models"/>; returns false when the body is not a model page.</summary>
    public static bool TryReadPage(byte[] json, List<UpstreamModelInfo> models, out string? nextAfterId)
    {
        nextAfterId = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var item in data.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    models.Add(new UpstreamModelInfo(
                        id.GetString()!,
                        item.TryGetProperty("display_name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
                        Int(item, "max_input_tokens"),
                        Int(item, "max_tokens")));
                }
            }

            if (root.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True
                && root.TryGetProperty("last_id", out var last) && last.ValueKind == JsonValueKind.String)
            {
                nextAfterId = last.GetString();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int? Int(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
