using Switchboard.Core.Errors;
using Switchboard.Server.Http;

namespace Switchboard.Server.Admin;

/// <summary>Turns gateway errors into minimal-API results with the OpenAI error shape.</summary>
internal static class AdminResults
{
    public static IResult Error(GatewayError error) => TypedResults.Json(
        new ErrorEnvelope(new ErrorBody(error.Message, error.Type, error.Param, error.Code)),
        ServerJsonContext.Default.ErrorEnvelope,
        statusCode: error.Status);
}
