using System.Text.Json;

namespace Switchboard.Providers.Probing;

/// <summary>Reads the model list out of a <c>/models</c> answer in the shapes vendors use.</summary>
internal static class ModelListAnswer
{
    /// <summary>Turns a capped answer body into the probe's result: the model ids, or a clean message saying what the body was instead.</summary>
    public static ModelProbeResult Parse(ReadOnlyMemory<byte> body, string? mediaType, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return TryReadModelIds(document.RootElement, out var ids)
                ? ModelProbeResult.Success(ids, status)
                : ModelProbeResult.Fail(ModelProbeFailure.InvalidResponse, """The answer is JSON but not a model list (expected {"data":[{"id":…}]}).""", status);
        }
        catch (JsonException)
        {
            var message = mediaType is not null && mediaType.Contains("html", StringComparison.OrdinalIgnoreCase)
                ? "The answer is an HTML page, not JSON: check the base URL."
                : "The answer is not valid JSON.";
            return ModelProbeResult.Fail(ModelProbeFailure.InvalidResponse, message, status);
        }
    }

    /// <summary>Reads ids from <c>{"data":[…]}</c> (OpenAI), <c>{"models":[…]}</c> (Ollama, Gemini) or a bare array; items are strings or objects with <c>id</c> or <c>name</c>.</summary>
    private static bool TryReadModelIds(JsonElement root, out IReadOnlyList<string> ids)
    {
        ids = [];
        JsonElement list;
        if (root.ValueKind == JsonValueKind.Array)
        {
            list = root;
        }
        else if (root.ValueKind == JsonValueKind.Object
            && (TryGetArray(root, "data", out list) || TryGetArray(root, "models", out list)))
        {
        }
        else
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            var id = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object => ReadString(item, "id") ?? ReadString(item, "name"),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(id) && seen.Add(id))
            {
                found.Add(id);
            }
        }

        ids = found;

        // Entries that carry no id at all mean this is some other list, not an empty model list.
        return found.Count > 0 || list.GetArrayLength() == 0;
    }

    private static bool TryGetArray(JsonElement obj, string name, out JsonElement array) =>
        obj.TryGetProperty(name, out array) && array.ValueKind == JsonValueKind.Array;

    private static string? ReadString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
