using Microsoft.Extensions.Options;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Idempotency;

namespace Switchboard.Server.Anthropic;

/// <summary>Maps the Anthropic Messages API under <c>/v1/messages</c>.</summary>
internal static class AnthropicEndpoints
{
    public static IEndpointRouteBuilder MapAnthropicEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/messages").WithTags("Anthropic-compatible");
        group.MapPost("", (HttpContext context, ChatPipeline pipeline, IOptions<GatewayOptions> options, TimeProvider time) =>
            MessagesEndpoint.HandleAsync(context, pipeline, options.Value, time))
            .WithSummary("Creates a message (Anthropic Messages; JSON or SSE stream).")
            .WithIdempotency("chat");
        return routes;
    }
}
