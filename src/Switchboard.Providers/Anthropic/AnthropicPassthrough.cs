using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Providers.Anthropic;

/// <summary>Sends an Anthropic Messages client's own body to an Anthropic upstream: unchanged but for <c>model</c> and <c>stream</c>.</summary>
/// <remarks>
/// Every field, block type and beta feature the canonical form does not model (cache_control, server tools,
/// <c>context_management</c>, <c>mcp_servers</c>, redacted thinking …) reaches the upstream as the client wrote it.
/// The model's and then the platform's extra body fill only top-level fields the client did not set, as they do for a
/// translated request; the platform's <c>anthropic_beta</c> option joins the client's <c>anthropic-beta</c> list.
/// </remarks>
internal static class AnthropicPassthrough
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Returns the client's native request when it can pass through to an Anthropic upstream, else null.</summary>
    public static NativeRequest? Of(ChatCompletionRequest request) =>
        request.Native is { Protocol: ClientProtocols.AnthropicMessages } native ? native : null;

    /// <summary>Writes the upstream body: the client's top-level fields in order, with the upstream model name and the stream flag the gateway chose.</summary>
    /// <remarks>
    /// One forward pass over the client's bytes, each value copied raw: the ingress already parsed the body, so nothing
    /// here builds a document or validates again (this runs before every passthrough request's first byte).
    /// </remarks>
    public static UpstreamError? WriteBody(NativeRequest native, UpstreamTarget target, bool stream, IBufferWriter<byte> output)
    {
        var body = native.Body.Span;
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return AnthropicRequestErrors.Invalid("body", "The request body must be a JSON object.");
        }

        using var writer = new Utf8JsonWriter(output, WriterOptions);
        var written = target.ExtraBody is null && target.Endpoint.ExtraBody is null ? null : new HashSet<string>(StringComparer.Ordinal) { "model", "stream" };
        writer.WriteStartObject();
        writer.WriteString("model"u8, target.UpstreamModel);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var owned = reader.ValueTextEquals("model"u8) || reader.ValueTextEquals("stream"u8);
            var name = owned || (written is null && !reader.ValueIsEscaped) ? null : reader.GetString();
            var rawName = reader.ValueSpan;
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            if (owned)
            {
                continue;
            }

            if (name is not null)
            {
                written?.Add(name);
                writer.WritePropertyName(name);
            }
            else
            {
                writer.WritePropertyName(rawName);
            }

            writer.WriteRawValue(body[valueStart..(int)reader.BytesConsumed], skipInputValidation: true);
        }

        if (stream)
        {
            writer.WriteBoolean("stream"u8, true);
        }

        if (written is not null)
        {
            AnthropicRequestMapper.WriteExtraBody(writer, target.ExtraBody, written);
            AnthropicRequestMapper.WriteExtraBody(writer, target.Endpoint.ExtraBody, written);
        }

        writer.WriteEndObject();
        writer.Flush();
        return null;
    }

    /// <summary>Returns the <c>anthropic-beta</c> value to send: the platform's configured list joined with the client's, without repeats; null when neither sets one.</summary>
    public static string? Beta(string? configured, NativeRequest? native)
    {
        string? client = null;
        if (native is not null)
        {
            foreach (var (name, value) in native.Headers)
            {
                if (string.Equals(name, "anthropic-beta", StringComparison.OrdinalIgnoreCase))
                {
                    client = value;
                }
            }
        }

        if (string.IsNullOrWhiteSpace(client))
        {
            return configured;
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            return client;
        }

        var names = new List<string>();
        foreach (var name in (configured + "," + client).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return string.Join(',', names);
    }
}
