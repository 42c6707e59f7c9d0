namespace Switchboard.Core.Errors;

/// <summary>Describes a failure as the client will see it: HTTP status plus the OpenAI error fields.</summary>
/// <remarks>Built on the hot path as a value; turned into JSON (or an exception for embedded callers) only at the edge.</remarks>
public sealed record GatewayError(int Status, string Type, string Code, string Message)
{
    /// <summary>Gets the request field the error is about, if any.</summary>
    public string? Param { get; init; }

    /// <summary>Gets how long the client should wait before retrying, if known.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
