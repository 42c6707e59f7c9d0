using Microsoft.Extensions.Options;
using Switchboard.Core.Pipeline;

namespace Switchboard.Server.Responses;

/// <summary>Registers and maps the OpenAI Responses API under <c>/v1/responses</c>.</summary>
internal static class ResponsesEndpoints
{
    /// <summary>Adds the Responses API's settings (<c>Switchboard:Responses</c>) and its stored-response access.</summary>
    public static IServiceCollection AddResponses(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ResponsesOptions>().Bind(configuration.GetSection(ResponsesOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResponsesOptions>, ResponsesOptionsValidator>();
        services.AddSingleton<ResponseStorage>();
        return services;
    }

    public static IEndpointRouteBuilder MapResponsesEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/responses").WithTags("OpenAI Responses");
        group.MapPost("", (HttpContext context, ChatPipeline pipeline, IOptions<GatewayOptions> options, ResponseStorage storage, TimeProvider time) =>
            CreateResponseEndpoint.HandleAsync(context, pipeline, options.Value, storage, time))
            .WithSummary("Creates a model response (OpenAI Responses API; JSON or typed SSE events).");
        group.MapGet("/{id}", (HttpContext context, ResponseStorage storage, string id) => StoredResponseEndpoints.GetAsync(context, storage, id))
            .WithSummary("Gets one of the caller's stored responses.");
        group.MapDelete("/{id}", (HttpContext context, ResponseStorage storage, string id) => StoredResponseEndpoints.DeleteAsync(context, storage, id))
            .WithSummary("Deletes one of the caller's stored responses.");
        return routes;
    }
}
