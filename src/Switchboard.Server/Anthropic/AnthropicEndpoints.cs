using Microsoft.Extensions.Options;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Idempotency;

namespace Switchboard.Server.Anthropic;

/// <summary>Maps the Anthropic Messages API under <c>/v1/messages</c> (and its <c>count_tokens</c>).</summary>
internal static class AnthropicEndpoints
{
    public static IEndpointRouteBuilder MapAnthropicEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/messages").WithTags("Anthropic-compatible");
        group.MapPost("", (HttpContext context, ChatPipeline pipeline, IOptions<GatewayOptions> options, TimeProvider time) =>
            MessagesEndpoint.HandleAsync(context, pipeline, options.Value, time))
            .WithSummary("Creates a message (Anthropic Messages; JSON or SSE stream).")
            .WithIdempotency("chat");
        group.MapPost("/count_tokens", (HttpContext context, ChatPipeline pipeline, IOptions<GatewayOptions> options, TimeProvider time) =>
            CountTokensEndpoint.HandleAsync(context, pipeline, options.Value, time))
            .WithSummary("Counts a message request's input tokens (the upstream's count where offered, else the gateway's estimate).");
        return routes;
    }
}
