using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Core.Configuration;

/// <summary>Turns a YAML map, such as an <c>extra_body</c>, into JSON object text with YAML's plain scalars typed.</summary>
internal static class YamlJsonConverter
{
    // Aliases can make a YAML tree recursive or exponentially wide; these bounds keep a bad file from hanging startup.
    private const int MaxDepth = 64;
    private const int MaxNodes = 10_000;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keeps non-ASCII text (Chinese prompts, names) readable in storage; the output never reaches an HTML page.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string? ToJsonObject(YamlFieldReader reader, YamlField field)
    {
        var mapping = reader.Mapping(field, "a map of fields to add to the request body");
        if (mapping is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var budget = MaxNodes;
            Write(writer, mapping, 0, ref budget, reader, field);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, int depth, ref int budget, YamlFieldReader reader, YamlField field)
    {
        if (depth > MaxDepth || --budget < 0)
        {
            reader.Fail(field.Key, field.Path, "is nested too deeply or too large (check for recursive YAML aliases)");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(key is YamlScalarNode { Value: { } name } ? name : string.Empty);
                    Write(writer, value, depth + 1, ref budget, reader, field);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item, depth + 1, ref budget, reader, field);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;

        // Quoted scalars are always strings; only plain ones are typed, as YAML's core schema does.
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            writer.WriteStringValue(text);
            return;
        }

        if (YamlFieldReader.IsNull(scalar))
        {
            writer.WriteNullValue();
        }
        else if (text is "true" or "True" or "TRUE")
        {
            writer.WriteBooleanValue(true);
        }
        else if (text is "false" or "False" or "FALSE")
        {
            writer.WriteBooleanValue(false);
        }
        else if (LooksNumeric(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            writer.WriteNumberValue(whole);
        }
        else if (LooksNumeric(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            writer.WriteNumberValue(exact);
        }
        else if (LooksNumeric(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var approximate) && double.IsFinite(approximate))
        {
            writer.WriteNumberValue(approximate);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    // .NET parsers accept forms YAML treats as strings (leading or trailing spaces, "1,000" with some styles), so check the shape first.
    private static bool LooksNumeric(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        var start = text[0] is '-' or '+' ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        foreach (var c in text.AsSpan(start))
        {
            if (!char.IsAsciiDigit(c) && c is not ('.' or 'e' or 'E' or '-' or '+'))
            {
                return false;
            }
        }

        return char.IsAsciiDigit(text[start]) || (text[start] == '.' && text.Length > start + 1);
    }
}
