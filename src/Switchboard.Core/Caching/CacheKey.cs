using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Core.Caching;

/// <summary>Computes a request's cache key: a SHA-256 of its tenant, its resolved model, its client protocol and its canonicalised body.</summary>
/// <remarks>
/// The body is the one the client sent (its own protocol's when it spoke another than OpenAI Chat): top-level fields are
/// sorted by name and re-written without whitespace, and the fields that do not change the answer are left out
/// (<see cref="IgnoredFields"/>). The key holds only the hash, so neither the prompt nor any credential is stored in it.
/// </remarks>
internal static class CacheKey
{
    /// <summary>The prefix of every key, with the layout version: a change of canonical form changes it, so old entries are never misread.</summary>
    public const string Prefix = "sb:cache:v1:";

    /// <summary>The top-level fields that do not change the answer: how it is delivered, and the client's own labels.</summary>
    private static readonly string[] IgnoredFields = ["model", "stream", "stream_options", "user", "metadata", "store"];

    private static readonly JsonWriterOptions Compact = new() { SkipValidation = true };

    /// <summary>Returns the key of <paramref name="request"/> for <paramref name="userId"/> on the resolved <paramref name="modelId"/>.</summary>
    /// <exception cref="JsonException">The body is not JSON (the parsers admitted it, so this does not happen).</exception>
    public static string For(string userId, string modelId, string protocol, ChatCompletionRequest request)
    {
        var native = request.Native;
        var body = native?.Body ?? request.Body;
        var buffer = new ArrayBufferWriter<byte>(body.Length + 256);
        WriteText(buffer, userId);
        WriteText(buffer, modelId);
        WriteText(buffer, protocol);
        if (native is not null)
        {
            foreach (var (name, value) in native.Headers)
            {
                WriteText(buffer, name);
                WriteText(buffer, value);
            }
        }

        WriteText(buffer, "");
        WriteCanonical(buffer, body);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    /// <summary>Writes a length-prefixed string, so two fields can never run together into the same bytes.</summary>
    private static void WriteText(ArrayBufferWriter<byte> buffer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var span = buffer.GetSpan(length + 5);
        span[0] = (byte)(length >> 24);
        span[1] = (byte)(length >> 16);
        span[2] = (byte)(length >> 8);
        span[3] = (byte)length;
        Encoding.UTF8.GetBytes(text, span[4..]);
        span[4 + length] = 0;
        buffer.Advance(length + 5);
    }

    private static void WriteCanonical(ArrayBufferWriter<byte> buffer, ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        using var writer = new Utf8JsonWriter(buffer, Compact);
        if (root.ValueKind != JsonValueKind.Object)
        {
            root.WriteTo(writer);
            return;
        }

        var fields = new List<JsonProperty>();
        foreach (var property in root.EnumerateObject())
        {
            if (Array.IndexOf(IgnoredFields, property.Name) < 0)
            {
                fields.Add(property);
            }
        }

        fields.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        writer.WriteStartObject();
        foreach (var field in fields)
        {
            field.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
