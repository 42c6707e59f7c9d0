using System.Text.Json;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;
using Switchboard.Server.Auth;
using Switchboard.Server.Http;

namespace Switchboard.Server.Gemini;

/// <summary>Serves <c>GET /v1beta/models</c> and <c>GET /v1beta/models/{model}</c> in Gemini's model shape, listing the models the caller may use.</summary>
/// <remarks>Every chat model offers the three methods the gateway serves; embedding models are listed without them. One page holds every model.</remarks>
internal static class GeminiModelsEndpoints
{
    /// <summary>Writes <c>{"models":[…]}</c>.</summary>
    public static async Task ListAsync(HttpContext context, ChatPipeline pipeline)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("models"u8);
        foreach (var model in pipeline.ListModels(caller))
        {
            WriteModel(writer, model);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes one model, or Google's 404 when the caller has no such model.</summary>
    public static async Task GetAsync(HttpContext context, ChatPipeline pipeline, string rest)
    {
        var id = GeminiModelPath.Of(context, rest, withMethod: false).Model;
        var model = pipeline.FindModel(GatewayAuthMiddleware.GetCaller(context), id);
        if (model is null)
        {
            await ErrorResponses.WriteAsync(context, GatewayErrors.ModelNotFound(id));
            return;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        WriteModel(writer, model);
    }

    private static void WriteModel(Utf8JsonWriter writer, CatalogEntry model)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, "models/" + model.Id);
        writer.WriteString("baseModelId"u8, model.Id);
        writer.WriteString("version"u8, "001"u8);
        writer.WriteString("displayName"u8, model.DisplayName);
        writer.WriteString("description"u8, $"{model.DisplayName} ({model.OwnedBy}), served by Switchboard.");
        if (model.ContextWindow is { } window)
        {
            writer.WriteNumber("inputTokenLimit"u8, window);
        }

        writer.WriteStartArray("supportedGenerationMethods"u8);
        if (model.Type == "chat")
        {
            writer.WriteStringValue(GeminiModelPath.Generate);
            writer.WriteStringValue(GeminiModelPath.StreamGenerate);
            writer.WriteStringValue(GeminiModelPath.CountTokens);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
