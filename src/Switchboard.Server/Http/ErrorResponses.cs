using System.Globalization;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Anthropic;
using Switchboard.Server.Gemini;

namespace Switchboard.Server.Http;

/// <summary>Writes an error in the request's client protocol's shape (OpenAI's <c>{"error":{message,type,param,code}}</c> unless the protocol has its own) with the right status and headers.</summary>
internal static class ErrorResponses
{
    public static async Task WriteAsync(HttpContext context, GatewayError error)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        if (error.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteBody(writer, error, ClientProtocolRoutes.Of(context), RequestIds.Assign(context));
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    /// <summary>Writes the error body of <paramref name="protocol"/>: the one place each client protocol's error shape is chosen.</summary>
    private static void WriteBody(Utf8JsonWriter writer, GatewayError error, string protocol, string? requestId)
    {
        switch (protocol)
        {
            case ClientProtocols.AnthropicMessages:
                AnthropicErrorBody.Write(writer, error, requestId);
                break;
            case ClientProtocols.Gemini:
                GeminiErrorShape.WriteBody(writer, error);
                break;
            default:
                StreamEventWriter.WriteErrorBody(writer, error);
                break;
        }
    }
}
