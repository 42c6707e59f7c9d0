using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchboard.Core.Pricing;

/// <summary>Reads LiteLLM's <c>model_prices_and_context_window.json</c> format into a <see cref="PriceList"/>.</summary>
/// <remarks>
/// The root is an object keyed by model name; each value is an object with <c>input_cost_per_token</c>,
/// <c>output_cost_per_token</c>, <c>cache_read_input_token_cost</c>, <c>cache_creation_input_token_cost</c>,
/// <c>cache_creation_input_token_cost_above_1hr</c>, <c>max_input_tokens</c>, <c>max_output_tokens</c>,
/// <c>max_tokens</c>, <c>litellm_provider</c> and <c>mode</c>, among many fields this reader ignores.
/// Numbers are read as <see cref="decimal"/> straight from the JSON text, so <c>1.5e-07</c> is exactly 0.00000015
/// (a detour through <see cref="double"/> would not be). The documentation entry <c>sample_spec</c> is skipped, and so
/// is, with a note, anything that is not an object or a value that cannot be a price or a token count. Only a file
/// that is not JSON, or whose root is not an object, is refused.
/// </remarks>
public static class LiteLlmPriceFile
{
    /// <summary>The key of LiteLLM's documentation entry, which describes the fields instead of pricing a model.</summary>
    public const string SampleSpecKey = "sample_spec";

    /// <summary>The largest per-token price accepted; anything above is a typo, not a price.</summary>
    private const decimal MaxCostPerToken = 1_000m;

    /// <summary>The most notes kept, so a file of garbage cannot make the report huge.</summary>
    private const int MaxNotes = 50;

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 };

    /// <summary>Parses the file's UTF-8 bytes; <paramref name="source"/> names the file in error messages.</summary>
    /// <exception cref="PriceFileException">The text is not JSON or its root is not an object.</exception>
    public static PriceList Parse(ReadOnlySpan<byte> utf8, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
        if (utf8.StartsWith(byteOrderMark))
        {
            utf8 = utf8[3..];
        }

        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new PriceFileException($"{source}: the file is empty; expected a JSON object keyed by model name.");
        }

        var entries = new List<PriceListEntry>();
        var notes = new List<string>();
        var skipped = 0;
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        try
        {
            reader.Read();

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var (line, column) = Position(utf8, reader.TokenStartIndex);
                throw new PriceFileException($"{source}: the root must be a JSON object keyed by model name, but line {line}, column {column} starts {Describe(reader.TokenType)}.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    Note(notes, ref skipped, $"'{key}': {Describe(reader.TokenType)} instead of an object; skipped");
                    reader.Skip();
                    continue;
                }

                if (key == SampleSpecKey || key.Length == 0)
                {
                    reader.Skip();
                    continue;
                }

                entries.Add(ReadEntry(ref reader, key, notes, ref skipped));
            }

            // Anything after the root object (a second document) is a malformed file; reading on surfaces it.
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            throw new PriceFileException($"{source}: not valid JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1} of that line.", ex);
        }

        if (skipped > MaxNotes)
        {
            notes.Add($"... and {skipped - MaxNotes} more skipped values");
        }

        return new PriceList(entries, notes);
    }

    private static PriceListEntry ReadEntry(ref Utf8JsonReader reader, string key, List<string> notes, ref int skipped)
    {
        decimal? input = null, output = null, cached = null, write = null, write1Hour = null;
        int? maxInput = null, maxOutput = null, maxTokens = null;
        string? provider = null, mode = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString()!;
            reader.Read();
            switch (field)
            {
                case "input_cost_per_token":
                    input = Cost(ref reader, key, field, notes, ref skipped);
                    break;
                case "output_cost_per_token":
                    output = Cost(ref reader, key, field, notes, ref skipped);
                    break;
                case "cache_read_input_token_cost":
                    cached = Cost(ref reader, key, field, notes, ref skipped);
                    break;
                case "cache_creation_input_token_cost":
                    write = Cost(ref reader, key, field, notes, ref skipped);
                    break;
                case "cache_creation_input_token_cost_above_1hr":
                    write1Hour = Cost(ref reader, key, field, notes, ref skipped);
                    break;
                case "max_input_tokens":
                    maxInput = TokenCount(ref reader);
                    break;
                case "max_output_tokens":
                    maxOutput = TokenCount(ref reader);
                    break;
                case "max_tokens":
                    maxTokens = TokenCount(ref reader);
                    break;
                case "litellm_provider":
                    provider = Text(ref reader);
                    break;
                case "mode":
                    mode = Text(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new PriceListEntry
        {
            Key = key,
            Provider = provider,
            Mode = mode,
            InputCostPerToken = input,
            OutputCostPerToken = output,
            CachedInputCostPerToken = cached,
            CacheWriteCostPerToken = write,
            CacheWrite1HourCostPerToken = write1Hour,
            MaxInputTokens = maxInput,
            MaxOutputTokens = maxOutput,
            MaxTokens = maxTokens,
        };
    }

    private static decimal? Cost(ref Utf8JsonReader reader, string key, string field, List<string> notes, ref int skipped)
    {
        decimal value;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetDecimal(out value):
            case JsonTokenType.String when decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value):
                if (value is >= 0 and <= MaxCostPerToken)
                {
                    return value;
                }

                Note(notes, ref skipped, $"'{key}': {field} {value.ToString(CultureInfo.InvariantCulture)} is not a plausible price; ignored");
                return null;
            case JsonTokenType.Number:
                Note(notes, ref skipped, $"'{key}': {field} {Encoding.UTF8.GetString(reader.ValueSpan)} is out of range for an exact decimal; ignored");
                return null;
            default:
                Note(notes, ref skipped, $"'{key}': {field} is {Describe(reader.TokenType)}, not a number; ignored");
                reader.Skip();
                return null;
        }
    }

    private static int? TokenCount(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value) && value == decimal.Truncate(value) && value is > 0 and <= int.MaxValue)
        {
            return (int)value;
        }

        // LiteLLM's own sample entry puts prose here; a count that is not a count is simply unknown.
        reader.Skip();
        return null;
    }

    private static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static void Note(List<string> notes, ref int skipped, string note)
    {
        skipped++;
        if (notes.Count < MaxNotes)
        {
            notes.Add(note);
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static (int Line, int Column) Position(ReadOnlySpan<byte> utf8, long index)
    {
        var before = utf8[..(int)index];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (line, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }
}
