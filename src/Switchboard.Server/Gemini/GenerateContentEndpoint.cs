using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Answers;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Usage;
using Switchboard.Server.Auth;
using Switchboard.Server.Http;
using Switchboard.Server.OpenAI;

namespace Switchboard.Server.Gemini;

/// <summary>Serves <c>POST /v1beta/models/{model}:generateContent</c>, <c>:streamGenerateContent</c> and <c>:countTokens</c> on the shared chat pipeline.</summary>
/// <remarks>
/// The body is translated to the canonical request (<see cref="GeminiRequestTranslator"/>) and run like a chat
/// completion: same tenancy, limits, routing, failover and one usage record, with protocol <c>gemini</c>.
/// <c>alt=sse</c> streams Server-Sent Events; without it the stream is one JSON array written as it grows, as Google's own.
/// </remarks>
internal static class GenerateContentEndpoint
{
    /// <summary>Handles a POST under <c>/v1beta/models/</c>: reads the method from the path and runs it.</summary>
    public static Task HandleAsync(HttpContext context, string rest, ChatPipeline pipeline, GatewayOptions options, TimeProvider time, ITokenEstimator estimator)
    {
        var path = GeminiModelPath.Of(context, rest);
        return path.Method switch
        {
            GeminiModelPath.Generate => RunAsync(context, path.Model, stream: false, pipeline, options, time),
            GeminiModelPath.StreamGenerate => RunAsync(context, path.Model, stream: true, pipeline, options, time),
            GeminiModelPath.CountTokens => CountTokensAsync(context, path.Model, pipeline, options, estimator),
            _ => ErrorResponses.WriteAsync(context, GatewayErrors.NotFound(
                $"'{path.Method}' is not served here; POST /v1beta/models/{{model}}:generateContent, :streamGenerateContent or :countTokens.")),
        };
    }

    private static async Task RunAsync(HttpContext context, string model, bool stream, ChatPipeline pipeline, GatewayOptions options, TimeProvider time)
    {
        var gateway = ChatCompletionsEndpoint.NewContext(context, time, ClientProtocols.Gemini);
        try
        {
            var (body, readError) = await RequestBodyReader.ReadJsonAsync(context, options.MaxRequestBodyBytes);
            if (readError is not null)
            {
                pipeline.RecordRejected(gateway, model, "chat", readError);
                await ErrorResponses.WriteAsync(context, readError);
                return;
            }

            using (body)
            {
                var (request, error) = model.Length == 0
                    ? (null, GatewayErrors.ModelNotFound(model))
                    : GeminiRequestTranslator.Translate(body!.Memory, model, stream);
                if (error is not null)
                {
                    pipeline.RecordRejected(gateway, model, "chat", error);
                    await ErrorResponses.WriteAsync(context, error);
                    return;
                }

                if (stream)
                {
                    await StreamAsync(context, pipeline, gateway, request!);
                }
                else
                {
                    await CompleteAsync(context, pipeline, gateway, request!);
                }
            }
        }
        finally
        {
            pipeline.EnsureRecorded(gateway, model, "chat", context.RequestAborted.IsCancellationRequested);
        }
    }

    private static async Task CompleteAsync(HttpContext context, ChatPipeline pipeline, GatewayRequestContext gateway, GeminiRequest request)
    {
        if (await ChatAnswerRelay.CompletionOrErrorAsync(context, await pipeline.CompleteAsync(gateway, request.Chat, context.RequestAborted)) is not { } completion)
        {
            return;
        }

        var json = completion.NativeProtocol == ClientProtocols.Gemini
            ? completion.Json
            : GeminiAnswerWriter.Write(ChatAnswer.Read(completion.Json), completion.Usage, request.Chat.Model, gateway.RequestId, request.IncludeThoughts);
        await ChatAnswerRelay.WriteJsonAsync(context, json);
    }

    private static async Task StreamAsync(HttpContext context, ChatPipeline pipeline, GatewayRequestContext gateway, GeminiRequest request)
    {
        var sse = string.Equals(context.Request.Query["alt"].ToString(), "sse", StringComparison.OrdinalIgnoreCase);
        var writer = new GeminiStreamWriter(gateway.RequestId, request.Chat.Model, request.IncludeThoughts, sse);
        await ChatStreamRelay.SendAsync(context, pipeline.OpenStreamAsync(gateway, request.Chat, writer, context.RequestAborted), writer, sse ? "text/event-stream" : "application/json");
    }

    private static async Task CountTokensAsync(HttpContext context, string model, ChatPipeline pipeline, GatewayOptions options, ITokenEstimator estimator)
    {
        if (model.Length == 0 || pipeline.FindModel(GatewayAuthMiddleware.GetCaller(context), model) is null)
        {
            await ErrorResponses.WriteAsync(context, GatewayErrors.ModelNotFound(model));
            return;
        }

        var (body, readError) = await RequestBodyReader.ReadJsonAsync(context, options.MaxRequestBodyBytes);
        if (readError is not null)
        {
            await ErrorResponses.WriteAsync(context, readError);
            return;
        }

        using (body)
        {
            var (request, error) = GeminiCountTokens.Translate(body!.Memory, model);
            if (error is not null)
            {
                await ErrorResponses.WriteAsync(context, error);
                return;
            }

            var tokens = estimator.EstimatePromptTokens(request!.Chat.Body.Span, model);
            context.Response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(context.Response.Body);
            writer.WriteStartObject();
            writer.WriteNumber("totalTokens"u8, tokens);
            writer.WriteEndObject();
        }
    }
}
