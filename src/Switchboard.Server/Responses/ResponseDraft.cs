using System.Text.Json;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Responses;

/// <summary>A response object as it is built (from a finished answer, or event by event from a stream); writes the Responses API's <c>response</c> JSON.</summary>
/// <remarks>The request fields a response repeats (instructions, tools, text, metadata, …) are read from the request as the client sent them. Not thread-safe.</remarks>
internal sealed class ResponseDraft(ResponsesRequest request, string id, long createdAt)
{
    /// <summary>Gets the response id.</summary>
    public string Id { get; } = id;

    /// <summary>Gets the output items, in order.</summary>
    public List<ResponseOutputItem> Output { get; } = [];

    /// <summary>Gets or sets the status: <c>in_progress</c>, <c>completed</c>, <c>incomplete</c> or <c>failed</c>.</summary>
    public string Status { get; set; } = "in_progress";

    /// <summary>Gets or sets why the response is incomplete (<c>max_output_tokens</c>, <c>content_filter</c>), if it is.</summary>
    public string? IncompleteReason { get; set; }

    /// <summary>Gets or sets the error of a failed response.</summary>
    public GatewayError? Error { get; set; }

    /// <summary>Gets or sets the usage, once known.</summary>
    public TokenUsage? Usage { get; set; }

    /// <summary>Sets the final status from the answer's canonical finish reason: <c>length</c> and <c>content_filter</c> leave the response incomplete.</summary>
    public void Finish(string? finishReason)
    {
        IncompleteReason = finishReason switch
        {
            "length" => "max_output_tokens",
            "content_filter" => "content_filter",
            _ => null,
        };
        Status = IncompleteReason is null ? "completed" : "incomplete";
    }

    /// <summary>Writes the response object.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        var root = request.Root;
        writer.WriteStartObject();
        writer.WriteString("id"u8, Id);
        writer.WriteString("object"u8, "response"u8);
        writer.WriteNumber("created_at"u8, createdAt);
        writer.WriteString("status"u8, Status);
        writer.WriteBoolean("background"u8, false);
        if (Error is { } error)
        {
            writer.WriteStartObject("error"u8);
            writer.WriteString("code"u8, ResponsesErrors.FailureCode(error));
            writer.WriteString("message"u8, error.Message);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("error"u8);
        }

        if (IncompleteReason is { } reason)
        {
            writer.WriteStartObject("incomplete_details"u8);
            writer.WriteString("reason"u8, reason);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("incomplete_details"u8);
        }

        Echo(writer, root, "instructions", default);
        Echo(writer, root, "max_output_tokens", default);
        writer.WriteString("model"u8, request.Model);
        writer.WriteStartArray("output"u8);
        foreach (var item in Output)
        {
            item.Write(writer);
        }

        writer.WriteEndArray();
        Echo(writer, root, "parallel_tool_calls", "true"u8);
        if (request.PreviousResponseId is { } previous)
        {
            writer.WriteString("previous_response_id"u8, previous);
        }
        else
        {
            writer.WriteNull("previous_response_id"u8);
        }

        Echo(writer, root, "reasoning", """{"effort":null,"summary":null}"""u8);
        writer.WriteBoolean("store"u8, request.Store);
        Echo(writer, root, "temperature", "1.0"u8);
        Echo(writer, root, "text", """{"format":{"type":"text"}}"""u8);
        Echo(writer, root, "tool_choice", "\"auto\""u8);
        Echo(writer, root, "tools", "[]"u8);
        Echo(writer, root, "top_p", "1.0"u8);
        Echo(writer, root, "truncation", "\"disabled\""u8);
        if (Usage is { } usage)
        {
            WriteUsage(writer, usage);
        }
        else
        {
            writer.WriteNull("usage"u8);
        }

        Echo(writer, root, "user", default);
        Echo(writer, root, "metadata", "{}"u8);
        writer.WriteEndObject();
    }

    /// <summary>Writes a Responses <c>usage</c> object: cached tokens inside the input count, reasoning tokens inside the output count.</summary>
    private static void WriteUsage(Utf8JsonWriter writer, TokenUsage usage)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("input_tokens"u8, usage.InputTokens);
        writer.WriteStartObject("input_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, usage.CachedInputTokens);
        writer.WriteEndObject();
        writer.WriteNumber("output_tokens"u8, usage.OutputTokens);
        writer.WriteStartObject("output_tokens_details"u8);
        writer.WriteNumber("reasoning_tokens"u8, usage.ReasoningTokens);
        writer.WriteEndObject();
        writer.WriteNumber("total_tokens"u8, usage.TotalTokens);
        writer.WriteEndObject();
    }

    /// <summary>Repeats a request field as the client sent it, else writes the API's default (null when there is none).</summary>
    private static void Echo(Utf8JsonWriter writer, JsonElement root, string name, ReadOnlySpan<byte> fallback)
    {
        writer.WritePropertyName(name);
        if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            value.WriteTo(writer);
        }
        else if (fallback.IsEmpty)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(fallback, skipInputValidation: true);
        }
    }
}
