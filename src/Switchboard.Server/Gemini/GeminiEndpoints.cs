using Microsoft.Extensions.Options;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Usage;

namespace Switchboard.Server.Gemini;

/// <summary>Maps Google's Gemini API under <c>/v1beta</c>: generate, stream and count on a model, and the model list.</summary>
/// <remarks>One catch-all route takes every model path, since a model id may hold <c>/</c> and the method follows a <c>:</c>.</remarks>
internal static class GeminiEndpoints
{
    /// <summary>Adds the Gemini routes.</summary>
    public static IEndpointRouteBuilder MapGeminiEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1beta").WithTags("Gemini-compatible");
        group.MapPost("/models/{**rest}", (HttpContext context, string rest, ChatPipeline pipeline, IOptions<GatewayOptions> options, TimeProvider time, ITokenEstimator estimator) =>
            GenerateContentEndpoint.HandleAsync(context, rest, pipeline, options.Value, time, estimator))
            .WithSummary("Runs a Gemini method on a model: {model}:generateContent, {model}:streamGenerateContent (alt=sse for SSE) or {model}:countTokens.");
        group.MapGet("/models", (HttpContext context, ChatPipeline pipeline) => GeminiModelsEndpoints.ListAsync(context, pipeline))
            .WithSummary("Lists the models the caller may use, in Gemini's shape.");
        group.MapGet("/models/{**rest}", (HttpContext context, ChatPipeline pipeline, string rest) => GeminiModelsEndpoints.GetAsync(context, pipeline, rest))
            .WithSummary("Gets one model in Gemini's shape.");
        return routes;
    }
}
