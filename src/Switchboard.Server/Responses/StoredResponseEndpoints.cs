using System.Text;
using System.Text.Json;
using Switchboard.Server.Auth;
using Switchboard.Server.Http;

namespace Switchboard.Server.Responses;

/// <summary>Serves <c>GET</c> and <c>DELETE /v1/responses/{id}</c> on the caller's own stored responses.</summary>
internal static class StoredResponseEndpoints
{
    public static async Task GetAsync(HttpContext context, ResponseStorage storage, string id)
    {
        var owner = ResponseOwners.Of(GatewayAuthMiddleware.GetCaller(context));
        var (stored, error) = await storage.GetAsync(id, owner, ResponsesErrors.NotFound, context.RequestAborted);
        if (error is not null)
        {
            await ErrorResponses.WriteAsync(context, error);
            return;
        }

        var json = Encoding.UTF8.GetBytes(stored!.ResponseJson);
        await ChatAnswerRelay.WriteJsonAsync(context, json);
    }

    public static async Task DeleteAsync(HttpContext context, ResponseStorage storage, string id)
    {
        var owner = ResponseOwners.Of(GatewayAuthMiddleware.GetCaller(context));
        if (await storage.DeleteAsync(id, owner, context.RequestAborted) is { } error)
        {
            await ErrorResponses.WriteAsync(context, error);
            return;
        }

        using var buffer = new MemoryStream(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, id);
            writer.WriteString("object"u8, "response"u8);
            writer.WriteBoolean("deleted"u8, true);
            writer.WriteEndObject();
        }

        await ChatAnswerRelay.WriteJsonAsync(context, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
