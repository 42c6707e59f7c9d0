using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchboard.Console.Pages.Audit;

/// <summary>Turns an audit entry's before and after values into what an operator reads first: the top-level fields that changed.</summary>
public static class AuditChanges
{
    /// <summary>Lists the top-level fields whose value differs between two JSON objects; for anything else, the whole value is one change.</summary>
    public static IReadOnlyList<AuditFieldChange> Between(JsonElement? before, JsonElement? after)
    {
        if (before is not { ValueKind: JsonValueKind.Object } old || after is not { ValueKind: JsonValueKind.Object } now)
        {
            return Compact(before) == Compact(after) ? [] : [new AuditFieldChange("", Compact(before), Compact(after))];
        }

        var changes = new List<AuditFieldChange>();
        foreach (var property in old.EnumerateObject())
        {
            var next = now.TryGetProperty(property.Name, out var value) ? value : (JsonElement?)null;
            if (Compact(property.Value) != Compact(next))
            {
                changes.Add(new AuditFieldChange(property.Name, Compact(property.Value), Compact(next)));
            }
        }

        foreach (var property in now.EnumerateObject().Where(p => !old.TryGetProperty(p.Name, out _)))
        {
            changes.Add(new AuditFieldChange(property.Name, "—", Compact(property.Value)));
        }

        return changes;
    }

    /// <summary>Writes a JSON value indented for reading, or a dash when there is none.</summary>
    public static string Indented(JsonElement? value) => Write(value, indented: true);

    private static string Compact(JsonElement? value) => Write(value, indented: false);

    private static string Write(JsonElement? value, bool indented)
    {
        if (value is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } json)
        {
            return "—";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
