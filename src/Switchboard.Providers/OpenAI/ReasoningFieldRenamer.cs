using System.Text.Json.Nodes;

namespace Switchboard.Providers.OpenAI;

/// <summary>Renames the <c>reasoning</c> field (Ollama, vLLM, OpenRouter) to <c>reasoning_content</c> so clients see one name.</summary>
internal static class ReasoningFieldRenamer
{
    public static byte[] Rename(ReadOnlySpan<byte> json)
    {
        var node = JsonNode.Parse(json)!;
        if (node["choices"] is JsonArray choices)
        {
            foreach (var choice in choices)
            {
                Rename(choice?["delta"]);
                Rename(choice?["message"]);
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static void Rename(JsonNode? holder)
    {
        if (holder is JsonObject obj && obj.ContainsKey("reasoning") && !obj.ContainsKey("reasoning_content"))
        {
            var value = obj["reasoning"];
            obj.Remove("reasoning");
            obj["reasoning_content"] = value;
        }
    }
}
