using System.Text.Json;
using Switchboard.Core.Errors;
using Switchboard.Core.Requests;

namespace Switchboard.Server.Responses;

/// <summary>A Responses API request body, checked and open for reading: the fields the endpoint acts on, and the root the translator and the response echo read.</summary>
/// <remarks>The document reads the caller's body buffer in place, so it lives no longer than that buffer; the owner disposes it. Not thread-safe.</remarks>
internal sealed class ResponsesRequest : IDisposable
{
    private readonly JsonDocument _document;

    private ResponsesRequest(JsonDocument document)
    {
        _document = document;
    }

    /// <summary>Gets the body's top-level object.</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary>Gets the model the client asked for.</summary>
    public required string Model { get; init; }

    /// <summary>Gets a value indicating whether the client asked for an event stream.</summary>
    public bool Stream { get; init; }

    /// <summary>Gets a value indicating whether the response is stored (the API's default is true).</summary>
    public bool Store { get; init; } = true;

    /// <summary>Gets the stored response this one continues, if any.</summary>
    public string? PreviousResponseId { get; init; }

    /// <summary>Checks a body against the JSON rules every client body meets and reads the fields decided before translation.</summary>
    public static (ResponsesRequest? Request, GatewayError? Error) Read(ReadOnlyMemory<byte> body)
    {
        if (RequestJson.Check(body.Span) is { } error)
        {
            return (null, error);
        }

        var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = RequestJson.MaxDepth });
        var root = document.RootElement;
        var (request, fieldError) = root.ValueKind == JsonValueKind.Object
            ? ReadFields(document, root)
            : (null, GatewayErrors.InvalidRequest("The request body must be a JSON object.", code: "invalid_json"));
        if (request is null)
        {
            document.Dispose();
        }

        return (request, fieldError);
    }

    /// <inheritdoc/>
    public void Dispose() => _document.Dispose();

    private static (ResponsesRequest?, GatewayError?) ReadFields(JsonDocument document, JsonElement root)
    {
        if (!root.TryGetProperty("model", out var model) || model.ValueKind == JsonValueKind.Null)
        {
            return (null, ResponsesErrors.Missing("model"));
        }

        if (model.ValueKind != JsonValueKind.String)
        {
            return (null, ResponsesErrors.Type("model", "a string"));
        }

        if (string.IsNullOrWhiteSpace(model.GetString()))
        {
            return (null, ResponsesErrors.Missing("model"));
        }

        if (Flag(root, "stream", false) is not { } stream)
        {
            return (null, ResponsesErrors.Type("stream", "a boolean"));
        }

        if (Flag(root, "store", true) is not { } store)
        {
            return (null, ResponsesErrors.Type("store", "a boolean"));
        }

        string? previous = null;
        if (root.TryGetProperty("previous_response_id", out var id) && id.ValueKind != JsonValueKind.Null)
        {
            if (id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= 128 } text)
            {
                return (null, ResponsesErrors.Type("previous_response_id", "a response id string"));
            }

            previous = text;
        }

        return (new ResponsesRequest(document) { Model = model.GetString()!, Stream = stream, Store = store, PreviousResponseId = previous }, null);
    }

    private static bool? Flag(JsonElement root, string name, bool fallback) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? fallback
        : value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
}
