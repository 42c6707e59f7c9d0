using Microsoft.Extensions.Options;
using Switchboard.Core.Auth;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Idempotency;

namespace Switchboard.Server.Classic;

/// <summary>Maps the original service's chat and model-list routes under <c>/api/v1</c>.</summary>
internal static class ClassicEndpoints
{
    public static IEndpointRouteBuilder MapClassicEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Original service");
        group.MapPost("/chat/completions", (HttpContext context, ChatPipeline pipeline, ApiKeyAuthenticator authenticator, IOptions<GatewayOptions> options, TimeProvider time) =>
                ClassicChatEndpoint.HandleAsync(context, pipeline, authenticator, options.Value, time, stream: false))
            .WithSummary("Creates a chat completion from {model_name, provider?, messages, parameters?, user_id?}; answers an OpenAI chat completion object.")
            .Accepts<ClassicChatBody>("application/json")
            .WithIdempotency("chat");
        group.MapPost("/chat/completions/stream", (HttpContext context, ChatPipeline pipeline, ApiKeyAuthenticator authenticator, IOptions<GatewayOptions> options, TimeProvider time) =>
                ClassicChatEndpoint.HandleAsync(context, pipeline, authenticator, options.Value, time, stream: true))
            .WithSummary("Streams a chat completion from the same body as OpenAI SSE chunks ending with data: [DONE].")
            .Accepts<ClassicChatBody>("application/json");
        group.MapGet("/models", (HttpContext context, ChatPipeline pipeline, string? provider) => TypedResults.Ok(ClassicModelsEndpoint.List(context, pipeline, provider)))
            .WithSummary("Lists the models the caller may use with their providers (kind, preset, platform), type, capabilities, context window and prices; ?provider= keeps one provider's.")
            .Produces<ClassicModelListView>();
        group.MapGet("/models/{provider}/models", (HttpContext context, ChatPipeline pipeline, string provider) => TypedResults.Ok(ClassicModelsEndpoint.List(context, pipeline, provider)))
            .WithSummary("Lists the models the caller may use that the provider (a platform's kind, preset or name) serves.")
            .Produces<ClassicModelListView>();
        return routes;
    }
}
