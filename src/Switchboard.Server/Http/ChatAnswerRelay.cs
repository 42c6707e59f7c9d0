using Switchboard.Abstractions.Chat;
using Switchboard.Core.Pipeline;
using Switchboard.Server.OpenAI;

namespace Switchboard.Server.Http;

/// <summary>Sends a non-streamed answer to the client, whatever its protocol: route headers, then the error that ended the request or the answer's JSON.</summary>
internal static class ChatAnswerRelay
{
    /// <summary>Writes the route headers and, when the request failed, its error in the request's protocol's shape; returns the completion to send, or null when the response is already written.</summary>
    public static async ValueTask<ChatCompletion?> CompletionOrErrorAsync(HttpContext context, ChatOutcome outcome)
    {
        ChatCompletionsEndpoint.WriteRouteHeaders(context, outcome.Route);
        if (outcome.Error is { } error)
        {
            await ErrorResponses.WriteAsync(context, error);
            return null;
        }

        return outcome.Completion!;
    }

    /// <summary>Sends <paramref name="json"/> as a 200 <c>application/json</c> body with its length.</summary>
    public static Task WriteJsonAsync(HttpContext context, ReadOnlyMemory<byte> json)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }
}
