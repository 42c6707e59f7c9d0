using Switchboard.Core.Pipeline;
using Switchboard.Core.Requests;
using Switchboard.Server.Http;

namespace Switchboard.Server.OpenAI;

/// <summary>Serves <c>POST /v1/embeddings</c>.</summary>
internal static class EmbeddingsEndpoint
{
    public static async Task HandleAsync(HttpContext context, ChatPipeline pipeline, GatewayOptions options, TimeProvider time)
    {
        var gateway = ChatCompletionsEndpoint.NewContext(context, time);
        string? model = null;
        try
        {
            var (body, readError) = await RequestBodyReader.ReadJsonAsync(context, options.MaxRequestBodyBytes);
            if (readError is not null)
            {
                pipeline.RecordRejected(gateway, null, "embeddings", readError);
                await ErrorResponses.WriteAsync(context, readError);
                return;
            }

            using (body)
            {
                (model, var parseError) = EmbeddingRequestParser.Parse(body!.Memory);
                if (parseError is not null)
                {
                    pipeline.RecordRejected(gateway, null, "embeddings", parseError);
                    await ErrorResponses.WriteAsync(context, parseError);
                    return;
                }

                var outcome = await pipeline.EmbedAsync(gateway, body.Memory, model!, context.RequestAborted);
                ChatCompletionsEndpoint.WriteRouteHeaders(context, outcome.Route);
                if (outcome.Error is { } error)
                {
                    await ErrorResponses.WriteAsync(context, error);
                    return;
                }

                await ChatAnswerRelay.WriteJsonAsync(context, outcome.Result!.Json);
            }
        }
        finally
        {
            pipeline.EnsureRecorded(gateway, model, "embeddings", context.RequestAborted.IsCancellationRequested);
        }
    }
}
