using System.Text.Json;

namespace Switchboard.Console.Pages.Playground;

/// <summary>Reads an OpenAI chat completion stream (server-sent events) as it arrives, one text piece at a time.</summary>
public static class ChatStream
{
    // A line longer than this is not a chat chunk the console can show; stop rather than buffer without bound.
    private const int MaxLineChars = 1 << 20;

    /// <summary>Yields the content of each chunk's first choice; an error event ends the stream with its message.</summary>
    public static async IAsyncEnumerable<string> ReadAsync(Stream body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > MaxLineChars)
            {
                throw new InvalidDataException("The stream sent a line too long to show.");
            }

            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var data = line.AsSpan(5).Trim();
            if (data.SequenceEqual("[DONE]"))
            {
                yield break;
            }

            var piece = Piece(data.ToString());
            if (!string.IsNullOrEmpty(piece))
            {
                yield return piece;
            }
        }
    }

    private static string? Piece(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            // The gateway ends a failed stream with its error shape; the page shows error.message.
            var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() : null;
            throw new Api.ApiException(message ?? "The stream ended with an error.");
        }

        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
            && choices[0].TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }

        return null;
    }
}
