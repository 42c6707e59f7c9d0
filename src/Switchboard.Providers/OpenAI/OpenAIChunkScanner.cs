using System.Text;
using System.Text.Json;

namespace Switchboard.Providers.OpenAI;

/// <summary>Scans an OpenAI response or stream chunk in one allocation-light pass with <see cref="Utf8JsonReader"/>.</summary>
/// <remarks>
/// The passthrough path forwards the upstream bytes unchanged; this scan only collects usage, the finish
/// reason, the chunk identity, in-band errors and the size of delivered text (for partial usage).
/// </remarks>
internal static class OpenAIChunkScanner
{
    public static bool TryScan(ReadOnlySpan<byte> json, bool captureIdentity, out OpenAIChunkScan scan)
    {
        scan = default;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var inChoices = false;
            var choicesDepth = -1;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                        ScanTopLevel(ref reader, ref scan, captureIdentity, ref inChoices, ref choicesDepth);
                        break;
                    case JsonTokenType.StartObject when inChoices && reader.CurrentDepth == choicesDepth + 1:
                        scan.ChoiceCount++;
                        break;
                    case JsonTokenType.EndArray when inChoices && reader.CurrentDepth == choicesDepth:
                        inChoices = false;
                        break;
                    case JsonTokenType.PropertyName:
                        ScanNested(ref reader, ref scan);
                        break;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void ScanTopLevel(ref Utf8JsonReader reader, ref OpenAIChunkScan scan, bool captureIdentity, ref bool inChoices, ref int choicesDepth)
    {
        if (reader.ValueTextEquals("choices"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                scan.HasChoices = true;
                inChoices = true;
                choicesDepth = reader.CurrentDepth;
            }
        }
        else if (reader.ValueTextEquals("usage"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                scan.Usage = OpenAIUsageReader.Read(ref reader);
            }
        }
        else if (reader.ValueTextEquals("error"u8))
        {
            reader.Read();
            scan.HasError = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String;
            reader.Skip();
        }
        else if (reader.ValueTextEquals("object"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8))
            {
                scan.HasError = true;
            }
        }
        else if (captureIdentity && reader.ValueTextEquals("id"u8))
        {
            reader.Read();
            scan.Id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        else if (captureIdentity && reader.ValueTextEquals("model"u8))
        {
            reader.Read();
            scan.Model = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        else if (captureIdentity && reader.ValueTextEquals("created"u8))
        {
            reader.Read();
            scan.Created = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var created) ? created : 0;
        }
        else
        {
            reader.Read();
            reader.Skip();
        }
    }

    private static void ScanNested(ref Utf8JsonReader reader, ref OpenAIChunkScan scan)
    {
        if (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("reasoning_content"u8)
            || reader.ValueTextEquals("arguments"u8) || reader.ValueTextEquals("refusal"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                scan.TextBytes += reader.ValueSpan.Length;
            }
        }
        else if (reader.ValueTextEquals("reasoning"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                scan.TextBytes += reader.ValueSpan.Length;
                scan.UsesReasoningField = true;
            }
        }
        else if (reader.ValueTextEquals("finish_reason"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                scan.FinishReason = FinishReasonOf(reader.ValueSpan);
            }
        }
        else if (reader.ValueTextEquals("usage"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                scan.Usage = OpenAIUsageReader.Read(ref reader);
                scan.UsageInChoice = true;
            }
        }
    }

    private static string FinishReasonOf(ReadOnlySpan<byte> value) => value switch
    {
        _ when value.SequenceEqual("stop"u8) => "stop",
        _ when value.SequenceEqual("length"u8) => "length",
        _ when value.SequenceEqual("tool_calls"u8) => "tool_calls",
        _ when value.SequenceEqual("content_filter"u8) => "content_filter",
        _ when value.SequenceEqual("function_call"u8) => "function_call",
        // Zhipu reports moderation blocks as "sensitive".
        _ when value.SequenceEqual("sensitive"u8) => "content_filter",
        _ => Encoding.UTF8.GetString(value),
    };
}
