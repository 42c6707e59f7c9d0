using Switchboard.Abstractions.Chat;
using Switchboard.Core.Answers;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Requests;
using Switchboard.Server.Http;
using Switchboard.Server.OpenAI;

namespace Switchboard.Server.Responses;

/// <summary>Serves <c>POST /v1/responses</c>, streamed and not, on the shared chat pipeline.</summary>
internal static class CreateResponseEndpoint
{
    public static async Task HandleAsync(HttpContext context, ChatPipeline pipeline, GatewayOptions options, ResponseStorage storage, TimeProvider time)
    {
        var gateway = ChatCompletionsEndpoint.NewContext(context, time, ClientProtocols.OpenAIResponses);
        string? model = null;
        try
        {
            var (body, readError) = await RequestBodyReader.ReadJsonAsync(context, options.MaxRequestBodyBytes);
            if (readError is not null)
            {
                await RejectAsync(context, pipeline, gateway, null, readError);
                return;
            }

            using (body)
            {
                var (request, error) = ResponsesRequest.Read(body!.Memory);
                if (request is null)
                {
                    await RejectAsync(context, pipeline, gateway, null, error!);
                    return;
                }

                using (request)
                {
                    model = request.Model;
                    await RunAsync(context, pipeline, storage, time, gateway, request, body.Memory);
                }
            }
        }
        finally
        {
            pipeline.EnsureRecorded(gateway, model, "chat", context.RequestAborted.IsCancellationRequested);
        }
    }

    private static async Task RunAsync(HttpContext context, ChatPipeline pipeline, ResponseStorage storage, TimeProvider time, GatewayRequestContext gateway, ResponsesRequest request, ReadOnlyMemory<byte> body)
    {
        var owner = ResponseOwners.Of(gateway.Caller);
        Abstractions.Responses.StoredResponse? previous = null;
        if (request.PreviousResponseId is { } previousId)
        {
            GatewayError? readError;
            (previous, readError) = await storage.GetAsync(previousId, owner, ResponsesErrors.PreviousNotFound, context.RequestAborted);
            if (readError is not null)
            {
                await RejectAsync(context, pipeline, gateway, request.Model, readError);
                return;
            }
        }

        var (translation, error) = ResponsesTranslator.Translate(request, previous);
        var native = new NativeRequest { Protocol = ClientProtocols.OpenAIResponses, Body = body };
        var (chat, parseError) = translation is null ? (null, error) : ChatRequestParser.Parse(translation.ChatBody, native);
        if (chat is null)
        {
            await RejectAsync(context, pipeline, gateway, request.Model, parseError!);
            return;
        }

        var draft = new ResponseDraft(request, ResponseIds.Response(), time.GetUtcNow().ToUnixTimeSeconds());
        if (request.Stream)
        {
            using var writer = new ResponsesStreamWriter(draft);
            await ChatStreamRelay.SendAsync(context, pipeline.OpenStreamAsync(gateway, chat, writer, context.RequestAborted), writer, "text/event-stream");
            if (request.Store && draft.Status is "completed" or "incomplete")
            {
                // After the last event is flushed, so the store costs the stream nothing; before the response ends, so a
                // client that saw it end can continue it at once.
                await storage.SaveAsync(request, draft, ResponseStorage.Serialize(draft), translation!.InputJson, owner);
            }

            return;
        }

        if (await ChatAnswerRelay.CompletionOrErrorAsync(context, await pipeline.CompleteAsync(gateway, chat, context.RequestAborted)) is not { } completion)
        {
            return;
        }

        ReadOnlyMemory<byte> json;
        if (completion.NativeProtocol == ClientProtocols.OpenAIResponses)
        {
            // A platform with responses: native answered in the Responses API itself: the client gets it unchanged, and
            // the upstream, not the gateway, keeps it.
            json = completion.Json;
        }
        else
        {
            ResponsesAnswer.Fill(draft, ChatAnswer.Read(completion.Json), completion.Usage);
            var serialized = ResponseStorage.Serialize(draft);
            if (request.Store)
            {
                await storage.SaveAsync(request, draft, serialized, translation!.InputJson, owner);
            }

            json = serialized;
        }

        await ChatAnswerRelay.WriteJsonAsync(context, json);
    }

    private static Task RejectAsync(HttpContext context, ChatPipeline pipeline, GatewayRequestContext gateway, string? model, GatewayError error)
    {
        pipeline.RecordRejected(gateway, model, "chat", error);
        return ErrorResponses.WriteAsync(context, error);
    }
}
