using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Http;
using Switchboard.Server.OpenAI;

namespace Switchboard.Server.Anthropic;

/// <summary>Serves <c>POST /v1/messages/count_tokens</c>: <c>{"input_tokens": N}</c> for a Messages body, from the upstream's own count where it offers one, else the local estimate.</summary>
/// <remarks>
/// The body is checked exactly as <c>/v1/messages</c> checks it, except that <c>max_tokens</c> is not required. A count
/// is not a model call: it admits no limit and writes no usage record.
/// </remarks>
internal static class CountTokensEndpoint
{
    public static async Task HandleAsync(HttpContext context, ChatPipeline pipeline, GatewayOptions options, TimeProvider time)
    {
        var gateway = ChatCompletionsEndpoint.NewContext(context, time, ClientProtocols.AnthropicMessages);
        var (request, body, error) = await MessagesEndpoint.ReadAsync(context, options, requireMaxTokens: false);
        if (error is not null)
        {
            await ErrorResponses.WriteAsync(context, error);
            return;
        }

        using (body)
        {
            var outcome = await pipeline.CountTokensAsync(gateway, request!, context.RequestAborted);
            if (outcome.Error is { } countError)
            {
                await ErrorResponses.WriteAsync(context, countError);
                return;
            }

            context.Response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(context.Response.Body);
            writer.WriteStartObject();
            writer.WriteNumber("input_tokens"u8, outcome.InputTokens);
            writer.WriteEndObject();
        }
    }
}
