using System.Text;
using System.Text.Json;

namespace Switchboard.Core.Usage;

/// <summary>Estimates tokens from text size: about four ASCII bytes per token and one token per CJK character.</summary>
/// <remarks>
/// Used for usage records marked <c>estimated</c> or <c>partial</c>. Counts only message text plus a fixed
/// per-message overhead, the way chat formats add role and separator tokens.
/// </remarks>
public sealed class ApproximateTokenEstimator : ITokenEstimator
{
    private const int PerMessageOverhead = 4;
    private const int PerReplyPriming = 3;

    /// <inheritdoc />
    public long EstimatePromptTokens(ReadOnlySpan<byte> requestBody, string? model)
    {
        long tokens = PerReplyPriming;
        var reader = new Utf8JsonReader(requestBody);
        try
        {
            var depth = -1;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("messages"u8))
                {
                    reader.Read();
                    depth = reader.CurrentDepth;
                    continue;
                }

                if (depth >= 0 && reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == depth + 1)
                {
                    tokens += PerMessageOverhead;
                }
                else if (depth >= 0 && reader.TokenType == JsonTokenType.String && reader.CurrentDepth > depth)
                {
                    tokens += CountText(reader.ValueSpan);
                }
                else if (depth >= 0 && reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth)
                {
                    depth = -1;
                }
            }
        }
        catch (JsonException)
        {
            return Math.Max(1, requestBody.Length / 4);
        }

        return tokens;
    }

    /// <inheritdoc />
    public long EstimateOutputTokens(long utf8ByteCount, string? model) => utf8ByteCount <= 0 ? 0 : Math.Max(1, (utf8ByteCount + 3) / 4);

    private static long CountText(ReadOnlySpan<byte> utf8)
    {
        long ascii = 0;
        long other = 0;
        foreach (var b in utf8)
        {
            if (b < 0x80)
            {
                ascii++;
            }
            else if ((b & 0xC0) != 0x80)
            {
                // A lead byte starts one non-ASCII character; CJK characters are close to one token each.
                other++;
            }
        }

        return (ascii + 3) / 4 + other;
    }

    /// <summary>Estimates the tokens of a string (used by the embedded client).</summary>
    public static long CountText(string text) => CountText(Encoding.UTF8.GetBytes(text ?? ""));
}
