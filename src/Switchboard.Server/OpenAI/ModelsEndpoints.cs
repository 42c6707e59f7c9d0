using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;
using Switchboard.Server.Anthropic;
using Switchboard.Server.Auth;
using Switchboard.Server.Http;

namespace Switchboard.Server.OpenAI;

/// <summary>Serves <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> in the OpenAI list shape, or Anthropic's when the request carries <c>anthropic-version</c>.</summary>
internal static class ModelsEndpoints
{
    public static async Task ListAsync(HttpContext context, ChatPipeline pipeline)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        var anthropic = IsAnthropic(context);
        int limit = 0;
        string? afterId = null, beforeId = null;
        if (anthropic && AnthropicModelsWriter.ReadPaging(context.Request.Query, out limit, out afterId, out beforeId) is { } pagingError)
        {
            await ErrorResponses.WriteAsync(context, pagingError);
            return;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        if (anthropic)
        {
            AnthropicModelsWriter.WriteList(writer, pipeline.ListModels(caller), limit, afterId, beforeId);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var model in pipeline.ListModels(caller))
        {
            WriteModel(writer, model);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static async Task GetAsync(HttpContext context, ChatPipeline pipeline, string id)
    {
        var model = pipeline.FindModel(GatewayAuthMiddleware.GetCaller(context), id);
        if (model is null)
        {
            await ErrorResponses.WriteAsync(context, GatewayErrors.ModelNotFound(id));
            return;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        if (IsAnthropic(context))
        {
            AnthropicModelsWriter.WriteModel(writer, model);
            return;
        }

        WriteModel(writer, model);
    }

    /// <summary>Tells an Anthropic client (its SDKs always send <c>anthropic-version</c>), the same test that picks the Anthropic error shape.</summary>
    private static bool IsAnthropic(HttpContext context) => ClientProtocolRoutes.Of(context) == ClientProtocols.AnthropicMessages;

    private static void WriteModel(Utf8JsonWriter writer, CatalogEntry model)
    {
        writer.WriteStartObject();
        writer.WriteString("id", model.Id);
        writer.WriteString("object", "model");
        writer.WriteNumber("created", 0);
        writer.WriteString("owned_by", model.OwnedBy);
        writer.WriteString("type", model.Type);
        writer.WriteString("display_name", model.DisplayName);
        if (model.ContextWindow is { } context)
        {
            writer.WriteNumber("context_window", context);
        }

        if (model.Tags.Count > 0)
        {
            writer.WriteStartArray("tags");
            foreach (var tag in model.Tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
