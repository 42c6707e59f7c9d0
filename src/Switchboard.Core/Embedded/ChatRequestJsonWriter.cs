using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Switchboard.Core.Embedded;

/// <summary>Writes Microsoft.Extensions.AI messages and options as an OpenAI Chat Completions body, the engine's canonical request.</summary>
internal static class ChatRequestJsonWriter
{
    public static byte[] Write(string model, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        var output = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                WriteMessage(writer, message);
            }

            writer.WriteEndArray();
            if (stream)
            {
                writer.WriteBoolean("stream", true);
                writer.WriteStartObject("stream_options");
                writer.WriteBoolean("include_usage", true);
                writer.WriteEndObject();
            }

            if (options is not null)
            {
                WriteOptions(writer, options);
            }

            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        var results = message.Contents.OfType<FunctionResultContent>().ToList();
        if (results.Count > 0)
        {
            // OpenAI carries each tool result as its own "tool" message.
            foreach (var result in results)
            {
                writer.WriteStartObject();
                writer.WriteString("role", "tool");
                writer.WriteString("tool_call_id", result.CallId);
                writer.WriteString("content", result.Result switch
                {
                    null => "",
                    string text => text,
                    JsonElement element => element.GetRawText(),
                    var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions.GetTypeInfo(other.GetType())),
                });
                writer.WriteEndObject();
            }

            return;
        }

        writer.WriteStartObject();
        writer.WriteString("role", message.Role.Value);
        if (message.AuthorName is { Length: > 0 } name)
        {
            writer.WriteString("name", name);
        }

        var calls = message.Contents.OfType<FunctionCallContent>().ToList();
        var parts = message.Contents.Where(c => c is TextContent or DataContent or UriContent).ToList();
        if (parts.Count == 0)
        {
            if (calls.Count > 0)
            {
                writer.WriteNull("content");
            }
            else
            {
                writer.WriteString("content", "");
            }
        }
        else if (parts.All(p => p is TextContent))
        {
            writer.WriteString("content", string.Concat(parts.Cast<TextContent>().Select(t => t.Text)));
        }
        else
        {
            writer.WriteStartArray("content");
            foreach (var part in parts)
            {
                WritePart(writer, part);
            }

            writer.WriteEndArray();
        }

        var reasoning = string.Concat(message.Contents.OfType<TextReasoningContent>().Select(r => r.Text));
        if (reasoning.Length > 0)
        {
            writer.WriteString("reasoning_content", reasoning);
        }

        // The signature that sealed the reasoning goes back with it, so an upstream that checks it (Anthropic) can continue the turn.
        var signature = string.Concat(message.Contents.OfType<TextReasoningContent>().Select(r => r.ProtectedData));
        if (signature.Length > 0)
        {
            writer.WriteString("reasoning_signature", signature);
        }

        if (calls.Count > 0)
        {
            writer.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                writer.WriteStartObject();
                writer.WriteString("id", call.CallId);
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WritePart(Utf8JsonWriter writer, AIContent part)
    {
        writer.WriteStartObject();
        switch (part)
        {
            case TextContent text:
                writer.WriteString("type", "text");
                writer.WriteString("text", text.Text);
                break;
            case DataContent data:
                writer.WriteString("type", "image_url");
                writer.WriteStartObject("image_url");
                writer.WriteString("url", data.Uri);
                writer.WriteEndObject();
                break;
            case UriContent uri:
                writer.WriteString("type", "image_url");
                writer.WriteStartObject("image_url");
                writer.WriteString("url", uri.Uri.ToString());
                writer.WriteEndObject();
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteOptions(Utf8JsonWriter writer, ChatOptions options)
    {
        if (options.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }

        if (options.TopP is { } topP)
        {
            writer.WriteNumber("top_p", topP);
        }

        if (options.MaxOutputTokens is { } max)
        {
            writer.WriteNumber("max_tokens", max);
        }

        if (options.FrequencyPenalty is { } frequency)
        {
            writer.WriteNumber("frequency_penalty", frequency);
        }

        if (options.PresencePenalty is { } presence)
        {
            writer.WriteNumber("presence_penalty", presence);
        }

        if (options.Seed is { } seed)
        {
            writer.WriteNumber("seed", seed);
        }

        if (options.StopSequences is { Count: > 0 } stops)
        {
            writer.WriteStartArray("stop");
            foreach (var stop in stops)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        WriteTools(writer, options);
        WriteResponseFormat(writer, options.ResponseFormat);
        if (options.AdditionalProperties is { Count: > 0 } extra)
        {
            foreach (var (key, value) in extra)
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value?.GetType() ?? typeof(object)));
            }
        }
    }

    private static void WriteTools(Utf8JsonWriter writer, ChatOptions options)
    {
        var functions = options.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        if (functions.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("tools");
        foreach (var function in functions)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", function.Name);
            if (!string.IsNullOrEmpty(function.Description))
            {
                writer.WriteString("description", function.Description);
            }

            writer.WritePropertyName("parameters");
            function.JsonSchema.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        switch (options.ToolMode)
        {
            case NoneChatToolMode:
                writer.WriteString("tool_choice", "none");
                break;
            case RequiredChatToolMode { RequiredFunctionName: { } required }:
                writer.WriteStartObject("tool_choice");
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", required);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case RequiredChatToolMode:
                writer.WriteString("tool_choice", "required");
                break;
        }
    }

    private static void WriteResponseFormat(Utf8JsonWriter writer, ChatResponseFormat? format)
    {
        switch (format)
        {
            case ChatResponseFormatJson { Schema: { } schema } json:
                writer.WriteStartObject("response_format");
                writer.WriteString("type", "json_schema");
                writer.WriteStartObject("json_schema");
                writer.WriteString("name", json.SchemaName ?? "response");
                writer.WritePropertyName("schema");
                schema.WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case ChatResponseFormatJson:
                writer.WriteStartObject("response_format");
                writer.WriteString("type", "json_object");
                writer.WriteEndObject();
                break;
        }
    }
}
