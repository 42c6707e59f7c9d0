using System.Globalization;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Caching;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Requests;
using Switchboard.Server.Auth;
using Switchboard.Server.Http;

namespace Switchboard.Server.OpenAI;

/// <summary>Serves <c>POST /v1/chat/completions</c>, streamed and not, on the shared chat pipeline.</summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext context, ChatPipeline pipeline, GatewayOptions options, TimeProvider time)
    {
        var gateway = NewContext(context, time);
        string? model = null;
        try
        {
            var (body, readError) = await RequestBodyReader.ReadJsonAsync(context, options.MaxRequestBodyBytes);
            if (readError is not null)
            {
                pipeline.RecordRejected(gateway, null, "chat", readError);
                await ErrorResponses.WriteAsync(context, readError);
                return;
            }

            using (body)
            {
                var (request, parseError) = ChatRequestParser.Parse(body!.Memory);
                if (parseError is not null)
                {
                    pipeline.RecordRejected(gateway, null, "chat", parseError);
                    await ErrorResponses.WriteAsync(context, parseError);
                    return;
                }

                model = request!.Model;
                await RunAsync(context, pipeline, gateway, request);
            }
        }
        finally
        {
            pipeline.EnsureRecorded(gateway, model, "chat", context.RequestAborted.IsCancellationRequested);
        }
    }

    /// <summary>Answers a parsed chat request, streamed or not: the one path every route that speaks OpenAI Chat takes once its body is a chat request.</summary>
    internal static Task RunAsync(HttpContext context, ChatPipeline pipeline, GatewayRequestContext gateway, ChatCompletionRequest request) =>
        request.Stream ? StreamAsync(context, pipeline, gateway, request) : CompleteAsync(context, pipeline, gateway, request);

    /// <summary>Creates the request's context: its client protocol, the authenticated caller unless <paramref name="caller"/> says whom the request acts for, the client's provider filter, if any, and its cache headers unless <paramref name="cache"/> overrides them.</summary>
    internal static GatewayRequestContext NewContext(
        HttpContext context, TimeProvider time, string protocol = ClientProtocols.OpenAIChat, CallerIdentity? caller = null, string? sourceFilter = null, CacheRequest? cache = null)
    {
        var requestId = RequestIds.Assign(context);
        return new GatewayRequestContext(requestId, caller ?? GatewayAuthMiddleware.GetCaller(context), time.GetUtcNow())
        {
            Protocol = protocol,
            AgentName = Header(context, "X-Agent-Name"),
            SessionKey = Header(context, "X-Session-Id"),
            SourceFilter = sourceFilter,
            Cache = cache ?? CacheRequest.Parse(Header(context, CacheRequest.HeaderName), Header(context, CacheRequest.TtlHeaderName), Header(context, "Cache-Control")),
        };
    }

    private static string? Header(HttpContext context, string name)
    {
        var value = context.Request.Headers[name].ToString();
        if (value.Length <= 128)
        {
            return value.Length == 0 ? null : value;
        }

        // Cut at 128 characters, never between the two halves of a surrogate pair.
        return value[..(char.IsHighSurrogate(value[127]) ? 127 : 128)];
    }

    private static async Task CompleteAsync(HttpContext context, ChatPipeline pipeline, GatewayRequestContext gateway, ChatCompletionRequest request)
    {
        if (await ChatAnswerRelay.CompletionOrErrorAsync(context, await pipeline.CompleteAsync(gateway, request, context.RequestAborted)) is { } completion)
        {
            await ChatAnswerRelay.WriteJsonAsync(context, completion.Json);
        }
    }

    private static Task StreamAsync(HttpContext context, ChatPipeline pipeline, GatewayRequestContext gateway, ChatCompletionRequest request) =>
        ChatStreamRelay.SendAsync(context, pipeline.OpenStreamAsync(gateway, request, context.RequestAborted), writer: null, "text/event-stream");

    internal static void WriteRouteHeaders(HttpContext context, RouteInfo route)
    {
        if (route.Source is { } source)
        {
            context.Response.Headers[SourceHeader.Name] = SourceHeader.Value(source);
        }

        if (route.Attempts > 0)
        {
            context.Response.Headers["X-Switchboard-Attempts"] = route.Attempts.ToString(CultureInfo.InvariantCulture);
        }

        if (route.Fallbacks > 0)
        {
            context.Response.Headers["X-Switchboard-Fallbacks"] = route.Fallbacks.ToString(CultureInfo.InvariantCulture);
        }

        if (route.Cache is { } cache)
        {
            context.Response.Headers[CacheRequest.HeaderName] = cache;
        }
    }
}
