using System.Text;
using System.Text.Json;

namespace Switchboard.Providers.Demo;

/// <summary>Decides, deterministically, what the demo model answers to a request.</summary>
/// <remarks>
/// With tools on offer and a user turn last, it calls the first tool with arguments built from the tool's
/// schema; after a tool result it reports the result; otherwise it greets and echoes the last user text.
/// Output is split into word pieces, one token each, so usage numbers are exact for the demo.
/// </remarks>
internal sealed class DemoScript
{
    private const int MaxEcho = 200;

    public required IReadOnlyList<string> Pieces { get; init; }

    public string? ToolCallName { get; init; }

    public string? ToolCallArguments { get; init; }

    public string FinishReason { get; init; } = "stop";

    public int InputTokens { get; init; }

    public int OutputTokens => ToolCallName is null ? Pieces.Count : Math.Max(1, (ToolCallArguments?.Length ?? 0) / 4);

    public static DemoScript For(ReadOnlySpan<byte> body, int? maxTokens)
    {
        using var doc = JsonDocument.Parse(body.ToArray());
        var root = doc.RootElement;
        var messages = root.GetProperty("messages");
        var inputChars = 0;
        string? lastRole = null;
        string lastText = "";
        string lastUserText = "";
        foreach (var message in messages.EnumerateArray())
        {
            lastRole = message.TryGetProperty("role", out var role) ? role.GetString() : null;
            lastText = TextOf(message);
            inputChars += lastText.Length + 16;
            if (lastRole == "user")
            {
                lastUserText = lastText;
            }
        }

        var inputTokens = Math.Max(1, (inputChars + 3) / 4) + 3;
        if (lastRole == "user" && root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
            && tools.GetArrayLength() > 0 && !IsToolChoiceNone(root))
        {
            var function = tools[0].GetProperty("function");
            return new DemoScript
            {
                Pieces = [],
                ToolCallName = function.GetProperty("name").GetString(),
                ToolCallArguments = ArgumentsFor(function, lastUserText),
                FinishReason = "tool_calls",
                InputTokens = inputTokens,
            };
        }

        var reply = lastRole == "tool"
            ? $"The tool returned: {Clip(lastText)}"
            : $"Hello from the Switchboard demo model. You said: \"{Clip(lastUserText)}\". This reply is deterministic, so first calls and tests always see the same words.";
        var pieces = Split(reply);
        var finish = "stop";
        if (maxTokens is { } cap && pieces.Count > cap)
        {
            pieces = pieces.Take(cap).ToList();
            finish = "length";
        }

        return new DemoScript { Pieces = pieces, FinishReason = finish, InputTokens = inputTokens };
    }

    private static bool IsToolChoiceNone(JsonElement root) =>
        root.TryGetProperty("tool_choice", out var choice) && choice.ValueKind == JsonValueKind.String && choice.GetString() == "none";

    private static string ArgumentsFor(JsonElement function, string userText)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            if (function.TryGetProperty("parameters", out var parameters) && parameters.TryGetProperty("properties", out var properties)
                && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    var type = property.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "string";
                    writer.WritePropertyName(property.Name);
                    switch (type)
                    {
                        case "number" or "integer":
                            writer.WriteNumberValue(1);
                            break;
                        case "boolean":
                            writer.WriteBooleanValue(true);
                            break;
                        case "array":
                            writer.WriteStartArray();
                            writer.WriteEndArray();
                            break;
                        case "object":
                            writer.WriteStartObject();
                            writer.WriteEndObject();
                            break;
                        default:
                            writer.WriteStringValue(Clip(userText, 40));
                            break;
                    }
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string TextOf(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return "";
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? "";
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            {
                text.Append(t.GetString());
            }
        }

        return text.ToString();
    }

    private static string Clip(string text, int max = MaxEcho) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    private static List<string> Split(string reply)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 1; i <= reply.Length; i++)
        {
            if (i == reply.Length || reply[i] == ' ')
            {
                pieces.Add(reply[start..i]);
                start = i;
            }
        }

        return pieces;
    }
}
