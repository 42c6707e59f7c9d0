using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Switchboard.Core.Tokenization;

/// <summary>Counts the prompt tokens of an OpenAI chat request body with OpenAI's chat-format overhead.</summary>
/// <remarks>
/// The OpenAI cookbook's rule for current chat models: 3 tokens per message, 1 more when it has a <c>name</c>,
/// and 3 to prime the reply, plus the encoded text of the message fields (role, content strings and text
/// parts, name, tool-call names and arguments). Images and audio are not counted. Tool definitions are
/// counted roughly (their names, descriptions and schema keys and strings, plus a fixed overhead per tool)
/// because OpenAI renders them in a format of its own that the request does not show.
/// </remarks>
internal static class ChatRequestWalker
{
    private const int PerMessage = 3;
    private const int PerName = 1;
    private const int ReplyPriming = 3;
    private const int PerTool = 8;
    private const int StackChars = 512;

    /// <summary>Returns the top-level <c>model</c> string of the body, or null.</summary>
    public static string? ReadModel(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isModel = reader.ValueTextEquals("model"u8);
            reader.Read();
            if (isModel && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    /// <summary>Returns the estimated prompt tokens; throws <see cref="JsonException"/> when the body is not JSON.</summary>
    public static double Count(ReadOnlySpan<byte> body, TextCounter counter)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The request body is not a JSON object.");
        }

        double total = ReplyPriming;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMessages = reader.ValueTextEquals("messages"u8);
            var isTools = reader.ValueTextEquals("tools"u8);
            reader.Read();
            if (isMessages && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    total += reader.TokenType == JsonTokenType.StartObject ? Message(ref reader, counter) : SkipValue(ref reader);
                }
            }
            else if (isTools && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    total += PerTool + AllText(ref reader, counter);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        // A truncated body ends the loops early without an exception; the caller falls back rather than undercount.
        if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0)
        {
            throw new JsonException("The request body ends before its JSON does.");
        }

        return total;
    }

    private static double Message(ref Utf8JsonReader reader, TextCounter counter)
    {
        double total = PerMessage;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                total += reader.TokenType == JsonTokenType.StartArray ? ContentParts(ref reader, counter) : StringOrSkip(ref reader, counter);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                total += PerName + StringOrSkip(ref reader, counter);
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                total += StringOrSkip(ref reader, counter);
            }
            else if (reader.ValueTextEquals("tool_calls"u8) || reader.ValueTextEquals("function_call"u8))
            {
                // Tool-call ids and types are not shown to the model as text; function names and arguments are.
                reader.Read();
                total += FunctionText(ref reader, counter);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return total;
    }

    private static double ContentParts(ref Utf8JsonReader reader, TextCounter counter)
    {
        double total = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                total += StringOrSkip(ref reader, counter);
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isText = reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("refusal"u8);
                reader.Read();
                total += isText ? StringOrSkip(ref reader, counter) : SkipValue(ref reader);
            }
        }

        return total;
    }

    /// <summary>Counts the <c>name</c> and <c>arguments</c> strings anywhere inside a tool-call value.</summary>
    private static double FunctionText(ref Utf8JsonReader reader, TextCounter counter)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return SkipValue(ref reader);
        }

        double total = 0;
        var depth = reader.CurrentDepth;
        var counted = false;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                counted = reader.ValueTextEquals("name"u8) || reader.ValueTextEquals("arguments"u8);
            }
            else if (reader.TokenType == JsonTokenType.String && counted)
            {
                total += CountString(ref reader, counter);
                counted = false;
            }
        }

        return total;
    }

    /// <summary>Counts every property name and string inside the current value (used for tool definitions).</summary>
    private static double AllText(ref Utf8JsonReader reader, TextCounter counter)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return StringOrSkip(ref reader, counter);
        }

        double total = 0;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String)
            {
                total += CountString(ref reader, counter);
            }
        }

        return total;
    }

    private static double StringOrSkip(ref Utf8JsonReader reader, TextCounter counter) =>
        reader.TokenType == JsonTokenType.String ? CountString(ref reader, counter) : SkipValue(ref reader);

    private static double SkipValue(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return 0;
    }

    private static double CountString(ref Utf8JsonReader reader, TextCounter counter)
    {
        // A string this body repeats from earlier requests (a system prompt, a tool definition) is counted once.
        var raw = reader.ValueSpan;
        if (counter.TryCached(raw, out var cached))
        {
            return cached;
        }

        // Unescaped text is never longer in UTF-16 code units than its escaped UTF-8 bytes.
        var maxChars = raw.Length;
        char[]? rented = null;
        var buffer = maxChars <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(maxChars));
        try
        {
            int length;
            try
            {
                length = reader.CopyString(buffer);
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate (\ud800) cannot be unescaped; the raw text is close enough to count.
                length = Encoding.UTF8.GetChars(raw, buffer);
            }

            return counter.Count(raw, buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
