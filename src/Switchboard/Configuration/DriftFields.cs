using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Configuration;

/// <summary>Collects the fields whose database and file values differ, compared by meaning rather than spelling.</summary>
/// <remarks>
/// Values are compared as canonical JSON: object members in name order, and numbers by value, so <c>2</c> and <c>2.0</c>
/// match, as do two extra bodies that list the same members in another order.
/// </remarks>
internal sealed class DriftFields
{
    private readonly List<FieldDriftView> _fields = [];

    /// <summary>Gets the differing fields so far.</summary>
    public IReadOnlyList<FieldDriftView> Differences => _fields;

    /// <summary>Compares one field; <paramref name="databaseShown"/> and <paramref name="fileShown"/> replace what the report shows (masked values), when given.</summary>
    public DriftFields Add(string name, object? database, object? file, object? databaseShown = null, object? fileShown = null)
    {
        var left = Node(database);
        var right = Node(file);
        if (!string.Equals(Canonical(left), Canonical(right), StringComparison.Ordinal))
        {
            _fields.Add(new FieldDriftView(name, databaseShown is null ? left : Node(databaseShown), fileShown is null ? right : Node(fileShown)));
        }

        return this;
    }

    /// <summary>Lists every field of one side, for an entity only one side has.</summary>
    public DriftFields Show(string name, object? database, object? file)
    {
        _fields.Add(new FieldDriftView(name, Node(database), Node(file)));
        return this;
    }

    /// <summary>Reads stored JSON text (an extra body) as a node; text that is not JSON is kept as a string.</summary>
    public static JsonNode? Json(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <remarks>
    /// The compared fields are scalars, string lists, string maps and stored JSON; they are turned into nodes by hand
    /// rather than by a reflecting serializer, which the native build does not have.
    /// </remarks>
    private static JsonNode? Node(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        decimal number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        IEnumerable<KeyValuePair<string, string>> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
        IEnumerable<string> items => new JsonArray([.. items.Select(item => (JsonNode?)JsonValue.Create(item))]),
        _ => throw new NotSupportedException($"A drift field of type {value.GetType().Name} has no JSON form."),
    };

    private static string Canonical(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder into)
    {
        switch (node)
        {
            case null:
                into.Append("null");
                break;
            case JsonObject obj:
                into.Append('{');
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    into.Append(JsonValue.Create(name).ToJsonString()).Append(':');
                    Write(value, into);
                    into.Append(',');
                }

                into.Append('}');
                break;
            case JsonArray array:
                into.Append('[');
                foreach (var item in array)
                {
                    Write(item, into);
                    into.Append(',');
                }

                into.Append(']');
                break;
            default:
                using (var leaf = JsonDocument.Parse(node.ToJsonString()))
                {
                    var element = leaf.RootElement;
                    into.Append(element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var number)
                        ? number.ToString("G29", CultureInfo.InvariantCulture)
                        : element.GetRawText());
                }

                break;
        }
    }
}
