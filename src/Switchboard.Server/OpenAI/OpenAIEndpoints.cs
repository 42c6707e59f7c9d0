using Microsoft.Extensions.Options;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Idempotency;

namespace Switchboard.Server.OpenAI;

/// <summary>Maps the OpenAI-compatible API under <c>/v1</c>.</summary>
internal static class OpenAIEndpoints
{
    public static IEndpointRouteBuilder MapOpenAIEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("OpenAI-compatible");
        group.MapPost("/chat/completions", (HttpContext context, ChatPipeline pipeline, IOptions<GatewayOptions> options, TimeProvider time) =>
            ChatCompletionsEndpoint.HandleAsync(context, pipeline, options.Value, time))
            .WithSummary("Creates a chat completion (JSON or SSE stream).")
            .WithIdempotency("chat");
        group.MapPost("/embeddings", (HttpContext context, ChatPipeline pipeline, IOptions<GatewayOptions> options, TimeProvider time) =>
            EmbeddingsEndpoint.HandleAsync(context, pipeline, options.Value, time))
            .WithSummary("Creates embeddings.")
            .WithIdempotency("embeddings");
        group.MapGet("/models", (HttpContext context, ChatPipeline pipeline) => ModelsEndpoints.ListAsync(context, pipeline))
            .WithSummary("Lists the models the caller may use.");
        group.MapGet("/models/{**id}", (HttpContext context, ChatPipeline pipeline, string id) => ModelsEndpoints.GetAsync(context, pipeline, id))
            .WithSummary("Gets one model.");
        return routes;
    }
}
