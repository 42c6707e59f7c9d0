using Switchboard.Core.Errors;

namespace Switchboard.Server.Admin;

/// <summary>Turns gateway errors into minimal-API results with the OpenAI error shape.</summary>
internal static class AdminResults
{
    public static IResult Error(GatewayError error) => TypedResults.Json(
        new { error = new { message = error.Message, type = error.Type, param = error.Param, code = error.Code } },
        statusCode: error.Status);
}
