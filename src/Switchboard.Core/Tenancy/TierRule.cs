using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Switchboard.Core.Tenancy;

/// <summary>Says, for one tier, which model each usage slot defaults to, which models the tier may use, and whether it may draw on the server's keys.</summary>
/// <remarks>
/// Stored as JSON in the setting <c>tier.&lt;name&gt;</c>:
/// <c>{"slots":{"main":"gpt-4o","fast":"qwen-flash"},"models":["gpt-*"],"tags":["fast"],"includes_tiers":["free"],"server_keys":true}</c>.
/// A model is allowed when the rule lists no <c>models</c> and no <c>tags</c>, or when it matches a listed model (a trailing
/// <c>*</c> matches a prefix) or carries a listed tag; a catalog model's <c>tier_required</c> must also be this tier or one it includes.
/// </remarks>
public sealed record TierRule
{
    /// <summary>Gets the tier name.</summary>
    public required string Tier { get; init; }

    /// <summary>Gets the default model per slot key.</summary>
    public IReadOnlyDictionary<string, string> Slots { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the allowed catalog model ids or prefixes ending in <c>*</c>; empty with empty <see cref="Tags"/> allows every model.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Gets the allowed tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the other tiers whose <c>tier_required</c> models this tier may also use (pro includes free).</summary>
    public IReadOnlyList<string> IncludesTiers { get; init; } = [];

    /// <summary>Gets whether users of the tier without their own key use the server's keys: true always, false never, null as the AutoKey switch says.</summary>
    public bool? ServerKeys { get; init; }

    /// <summary>Gets a value indicating whether every model is allowed regardless of <c>tier_required</c> (the admin rule).</summary>
    public bool AllowsEverything { get; init; }

    /// <summary>Gets a value indicating whether the rule is a built-in default rather than a stored one.</summary>
    public bool IsBuiltIn { get; init; }

    /// <summary>Returns whether the rule allows a catalog model.</summary>
    public bool Allows(string modelId, IReadOnlyList<string> tags, string? tierRequired)
    {
        if (AllowsEverything)
        {
            return true;
        }

        if (tierRequired is { Length: > 0 } && !string.Equals(tierRequired, Tier, StringComparison.OrdinalIgnoreCase)
            && !IncludesTiers.Contains(tierRequired, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Models.Count == 0 && Tags.Count == 0)
        {
            return true;
        }

        foreach (var pattern in Models)
        {
            if (pattern.EndsWith('*')
                ? modelId.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
                : string.Equals(pattern, modelId, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return tags.Any(t => Tags.Contains(t, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Parses a stored rule; throws <see cref="FormatException"/> with a message naming the field when the JSON is wrong.</summary>
    public static TierRule Parse(string tier, string json)
    {
        ArgumentNullException.ThrowIfNull(tier);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("A tier rule must be a JSON object.");
            }

            var slots = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("slots", out var slotsElement) && slotsElement.ValueKind != JsonValueKind.Null)
            {
                if (slotsElement.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("'slots' must be an object mapping slot keys to model ids.");
                }

                foreach (var slot in slotsElement.EnumerateObject())
                {
                    slots[UsageSlots.Normalize(slot.Name)] = slot.Value.ValueKind == JsonValueKind.String && slot.Value.GetString() is { Length: > 0 } model
                        ? model
                        : throw new FormatException($"'slots.{slot.Name}' must be a non-empty model id.");
                }
            }

            bool? serverKeys = root.TryGetProperty("server_keys", out var serverKeysElement)
                ? serverKeysElement.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => null,
                    _ => throw new FormatException("'server_keys' must be true, false or null."),
                }
                : null;

            return new TierRule
            {
                Tier = tier,
                Slots = slots,
                Models = ReadStrings(root, "models"),
                Tags = ReadStrings(root, "tags"),
                IncludesTiers = ReadStrings(root, "includes_tiers"),
                ServerKeys = serverKeys,
            };
        }
        catch (JsonException e)
        {
            throw new FormatException($"The tier rule is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Writes the rule as the JSON stored in its setting.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("slots");
            foreach (var (slot, model) in Slots.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                writer.WriteString(slot, model);
            }

            writer.WriteEndObject();
            WriteStrings(writer, "models", Models);
            WriteStrings(writer, "tags", Tags);
            WriteStrings(writer, "includes_tiers", IncludesTiers);
            if (ServerKeys is { } serverKeys)
            {
                writer.WriteBoolean("server_keys", serverKeys);
            }
            else
            {
                writer.WriteNull("server_keys");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string[] ReadStrings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{name}' must be an array of strings.");
        }

        return [.. element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s
            ? s
            : throw new FormatException($"'{name}' must contain only non-empty strings."))];
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
