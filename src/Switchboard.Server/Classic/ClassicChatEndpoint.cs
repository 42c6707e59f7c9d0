using Switchboard.Abstractions.Chat;
using Switchboard.Core.Auth;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Requests;
using Switchboard.Server.Auth;
using Switchboard.Server.Http;
using Switchboard.Server.OpenAI;

namespace Switchboard.Server.Classic;

/// <summary>Serves the original service's <c>POST /api/v1/chat/completions</c> and <c>/api/v1/chat/completions/stream</c> on the chat pipeline.</summary>
/// <remarks>
/// The body is translated to an OpenAI Chat body (<see cref="ClassicChatRequest"/>) and then takes the path of
/// <c>/v1/chat/completions</c>: the same validation, routing, limits, usage and answers (chat completion objects and SSE
/// chunks), and errors in the OpenAI shape. <c>user_id</c> picks whom the request acts for
/// (<see cref="ApiKeyAuthenticator.ActFor"/>) and <c>provider</c> narrows the sources tried (<c>SourceFilter</c>).
/// </remarks>
internal static class ClassicChatEndpoint
{
    public static async Task HandleAsync(HttpContext context, ChatPipeline pipeline, ApiKeyAuthenticator authenticator, GatewayOptions options, TimeProvider time, bool stream)
    {
        var (body, readError) = await RequestBodyReader.ReadJsonAsync(context, options.MaxRequestBodyBytes);
        if (readError is not null)
        {
            await RejectAsync(context, pipeline, time, readError);
            return;
        }

        using (body)
        {
            var (classic, translateError) = ClassicChatRequest.Translate(body!.Memory, stream);
            if (translateError is not null)
            {
                await RejectAsync(context, pipeline, time, translateError);
                return;
            }

            var caller = GatewayAuthMiddleware.GetCaller(context);
            if (classic!.UserId is { } userId)
            {
                var (acting, actError) = authenticator.ActFor(caller, userId);
                if (actError is not null)
                {
                    await RejectAsync(context, pipeline, time, actError);
                    return;
                }

                caller = acting!;
            }

            var gateway = ChatCompletionsEndpoint.NewContext(context, time, ClientProtocols.Classic, caller, classic.Provider);
            string? model = null;
            try
            {
                var (request, parseError) = ChatRequestParser.Parse(classic.ChatBody);
                if (parseError is not null)
                {
                    pipeline.RecordRejected(gateway, null, "chat", parseError);
                    await ErrorResponses.WriteAsync(context, ClassicChatRequest.ToClassicParam(parseError));
                    return;
                }

                model = request!.Model;
                await ChatCompletionsEndpoint.RunAsync(context, pipeline, gateway, request);
            }
            finally
            {
                pipeline.EnsureRecorded(gateway, model, "chat", context.RequestAborted.IsCancellationRequested);
            }
        }
    }

    /// <summary>Refuses a request before it has a chat body or an identity: recorded once, under the caller that authenticated.</summary>
    private static Task RejectAsync(HttpContext context, ChatPipeline pipeline, TimeProvider time, GatewayError error)
    {
        pipeline.RecordRejected(ChatCompletionsEndpoint.NewContext(context, time, ClientProtocols.Classic), null, "chat", error);
        return ErrorResponses.WriteAsync(context, error);
    }
}
