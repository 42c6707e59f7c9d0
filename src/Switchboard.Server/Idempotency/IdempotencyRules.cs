using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Switchboard.Server.Idempotency;

/// <summary>Holds the idempotency decisions in one place: which keys are valid, which answers are final, what a request's identity is.</summary>
internal static class IdempotencyRules
{
    /// <summary>The request header that carries the key.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The response header that marks a replayed answer.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The longest key accepted, as Stripe's.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>Gets the response headers stored and replayed with an answer; the rest are the server's per-response ones.</summary>
    public static IReadOnlyList<string> ReplayedHeaders { get; } =
        ["Content-Type", "X-Request-Id", Http.SourceHeader.Name, "X-Switchboard-Attempts", "X-Switchboard-Fallbacks"];

    /// <summary>Returns whether a key is 1 to <see cref="MaxKeyLength"/> printable ASCII characters.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && !key.AsSpan().ContainsAnyExceptInRange(' ', '~');

    /// <summary>Returns whether an answer with <paramref name="status"/> is final and is stored for replay.</summary>
    /// <remarks>
    /// Successes, and errors the request itself caused (malformed body, unknown model, too large, wrong media type, invalid
    /// parameters), give the same answer however often they are sent. Everything else may change on a retry (an auth or
    /// permission fix, a rate limit or budget that frees up, an upstream or gateway failure), so it is not stored and the claim is
    /// released: the client may retry with the same key. Stripe stores its own 500s; a gateway's 5xx is almost always an upstream
    /// failure, and retrying it is what the key is for.
    /// </remarks>
    public static bool IsFinal(int status) => status is >= 200 and < 300 or 400 or 404 or 413 or 415 or 422;

    /// <summary>Hashes a request's identity: its route and its body bytes.</summary>
    public static string Hash(string path, ReadOnlySequence<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(path));
        hash.AppendData([0]);
        foreach (var segment in body)
        {
            hash.AppendData(segment.Span);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Returns whether a JSON body asks for a stream (<c>"stream": true</c> at the top level); a body that is not JSON does not.</summary>
    public static bool IsStream(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            // The last "stream" wins, as in the request parser, so the two never disagree about a body that repeats it.
            var stream = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isStream = reader.ValueTextEquals("stream"u8);
                reader.Read();
                if (isStream)
                {
                    stream = reader.TokenType == JsonTokenType.True;
                }

                reader.Skip();
            }

            return stream;
        }
        catch (JsonException)
        {
            // The endpoint answers a body that is not JSON with its own 400, which is final and stored like any other.
            return false;
        }
    }
}
