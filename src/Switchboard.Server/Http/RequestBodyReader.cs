using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Http;

/// <summary>Reads a JSON request body into a pooled buffer, refusing oversize bodies without buffering them.</summary>
internal static class RequestBodyReader
{
    /// <summary>Checks the content type and reads the body; the caller returns <see cref="PooledBody"/> to the pool.</summary>
    public static async ValueTask<(PooledBody? Body, GatewayError? Error)> ReadJsonAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        var contentType = request.ContentType;
        if (contentType is { Length: > 0 } ? !IsJson(contentType) : CarriesBody(context))
        {
            // A body without a type is refused too: guessing JSON is how content-type confusion starts (a form post
            // from a browser page is "simple" and skips the CORS preflight that a JSON post needs).
            return (null, GatewayErrors.UnsupportedMediaType(contentType));
        }

        var (buffer, error) = await PeekAsync(context, limit);
        if (error is not null)
        {
            return (null, error);
        }

        var body = PooledBody.Copy(buffer);
        request.BodyReader.AdvanceTo(buffer.End);
        return (body, null);
    }

    /// <summary>Reads the whole body into the request's pipe without consuming it, refusing one over <paramref name="limit"/> without buffering it.</summary>
    /// <remarks>The caller advances the pipe past the body: to its end to consume it, or to its start (examined to its end) to leave it for the next reader.</remarks>
    public static async ValueTask<(ReadOnlySequence<byte> Body, GatewayError? Error)> PeekAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return (default, GatewayErrors.BodyTooLarge(limit));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        var reader = request.BodyReader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(context.RequestAborted);
                var buffer = result.Buffer;
                if (buffer.Length > limit)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    return (default, GatewayErrors.BodyTooLarge(limit));
                }

                if (result.IsCompleted)
                {
                    return (buffer, null);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, GatewayErrors.BodyTooLarge(limit));
        }
        catch (BadHttpRequestException)
        {
            return (default, GatewayErrors.InvalidRequest("The request body could not be read.", code: "invalid_body"));
        }
    }

    private static bool CarriesBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        mediaType = mediaType.Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
