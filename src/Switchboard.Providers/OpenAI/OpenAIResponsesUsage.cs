using System.Text.Json;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Providers.OpenAI;

/// <summary>Reads the <c>usage</c> object of an OpenAI Responses <c>response</c>.</summary>
internal static class OpenAIResponsesUsage
{
    /// <summary>Reads <paramref name="response"/>'s usage, or null when it has none.</summary>
    public static TokenUsage? Read(JsonElement response)
    {
        if (response.ValueKind != JsonValueKind.Object || !response.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new TokenUsage(
            Number(usage, "input_tokens"),
            Number(usage, "output_tokens"),
            CachedInputTokens: usage.TryGetProperty("input_tokens_details", out var input) ? Number(input, "cached_tokens") : 0,
            ReasoningTokens: usage.TryGetProperty("output_tokens_details", out var output) ? Number(output, "reasoning_tokens") : 0);
    }

    /// <summary>Returns the canonical finish reason of a finished <paramref name="response"/>.</summary>
    public static string FinishReason(JsonElement response)
    {
        if (response.TryGetProperty("status", out var status) && status.ValueEquals("incomplete"u8))
        {
            return response.TryGetProperty("incomplete_details", out var details) && details.ValueKind == JsonValueKind.Object
                && details.TryGetProperty("reason", out var reason) && reason.ValueEquals("content_filter"u8) ? "content_filter" : "length";
        }

        if (response.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in output.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("type", out var type) && type.ValueEquals("function_call"u8))
                {
                    return "tool_calls";
                }
            }
        }

        return "stop";
    }

    private static long Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0 ? number : 0;
}
