using Switchboard.Core.Errors;

namespace Switchboard.Server.Responses;

/// <summary>Holds the Responses API's error vocabulary: the 400s its ingress raises (OpenAI's shape, naming the Responses field) and the codes a failed response carries.</summary>
internal static class ResponsesErrors
{
    /// <summary>Creates the 400 for a field of the wrong JSON type.</summary>
    public static GatewayError Type(string param, string expected) =>
        GatewayErrors.InvalidRequest($"'{param}' must be {expected}.", param, "invalid_type");

    /// <summary>Creates the 400 for a missing required field.</summary>
    public static GatewayError Missing(string param) =>
        GatewayErrors.InvalidRequest($"'{param}' is required.", param, "missing_required_parameter");

    /// <summary>Creates the 400 for a value the field does not take.</summary>
    public static GatewayError Invalid(string param, string message) =>
        GatewayErrors.InvalidRequest(message, param, "invalid_value");

    /// <summary>Creates the 400 for a feature of the Responses API that no upstream behind the gateway can serve.</summary>
    public static GatewayError Unsupported(string param, string message) =>
        GatewayErrors.InvalidRequest(message, param, "unsupported_parameter");

    /// <summary>Creates the 400 for a <c>previous_response_id</c> that names no response of the caller (missing, expired or another caller's read alike).</summary>
    public static GatewayError PreviousNotFound(string id) =>
        new(400, "invalid_request_error", "previous_response_not_found", $"Previous response with id '{id}' not found.") { Param = "previous_response_id" };

    /// <summary>Creates the 404 for a stored response the caller cannot see.</summary>
    public static GatewayError NotFound(string id) =>
        new(404, "invalid_request_error", "not_found", $"No response found with id '{id}'.") { Param = "response_id" };

    /// <summary>Returns the <c>error.code</c> of a failed response for a gateway error, in the vocabulary OpenAI's clients know.</summary>
    public static string FailureCode(GatewayError error) => error.Status switch
    {
        429 => "rate_limit_exceeded",
        400 => "invalid_prompt",
        _ => "server_error",
    };
}
