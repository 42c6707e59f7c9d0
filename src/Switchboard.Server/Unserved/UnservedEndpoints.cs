using Switchboard.Core.Errors;
using Switchboard.Server.Http;

namespace Switchboard.Server.Unserved;

/// <summary>Answers the well-known routes the gateway does not serve with a 404 that names what to call instead.</summary>
/// <remarks>
/// Only exact paths are mapped (and, for batches, the paths below them), so the routes that are served beside them,
/// <c>/v1/messages</c> and <c>/v1/messages/count_tokens</c>, are never shadowed. They stay out of the OpenAPI document:
/// they are not part of the API.
/// </remarks>
internal static class UnservedEndpoints
{
    private static readonly GatewayError LegacyCompletions = GatewayErrors.NotFound(
        "Legacy text completions (/v1/completions) are not served. Send chat requests to POST /v1/chat/completions, or use POST /v1/responses or POST /v1/messages.");

    private static readonly GatewayError MessageBatches = GatewayErrors.NotFound(
        "Message batches (/v1/messages/batches) are not served. Send each request to POST /v1/messages (or POST /v1/chat/completions, POST /v1/responses).");

    public static IEndpointRouteBuilder MapUnservedEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.Map("/v1/completions", (HttpContext context) => ErrorResponses.WriteAsync(context, LegacyCompletions)).ExcludeFromDescription();
        routes.Map("/v1/messages/batches", (HttpContext context) => ErrorResponses.WriteAsync(context, MessageBatches)).ExcludeFromDescription();
        routes.Map("/v1/messages/batches/{**rest}", (HttpContext context) => ErrorResponses.WriteAsync(context, MessageBatches)).ExcludeFromDescription();
        return routes;
    }
}
