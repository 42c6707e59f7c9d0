using System.Globalization;
using System.Text.Json;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;

namespace Switchboard.Server.Http;

/// <summary>Writes the OpenAI error shape <c>{"error":{message,type,param,code}}</c> with the right status and headers.</summary>
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
            StreamEventWriter.WriteErrorBody(writer, error);
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
