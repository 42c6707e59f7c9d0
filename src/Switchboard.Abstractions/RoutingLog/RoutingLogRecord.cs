namespace Switchboard.Abstractions.RoutingLog;

/// <summary>Records how one request was routed: the ranked candidates, why, every attempt and how the request ended.</summary>
/// <remarks>Keys appear by storage id only, never as secrets. The request id is the one in the usage record and the <c>X-Request-Id</c> header.</remarks>
public sealed record RoutingLogRecord
{
    /// <summary>Gets the request id.</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets when the request started.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the endpoint: <c>chat</c> or <c>embeddings</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Gets the catalog model id.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the strategy that ranked the candidates.</summary>
    public required string Strategy { get; init; }

    /// <summary>Gets the admitted sources (<c>Platform/Model</c>), best first.</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];

    /// <summary>Gets how many sources the model has, admitted or not.</summary>
    public int SourceCount { get; init; }

    /// <summary>Gets a value indicating whether a sticky session put the first candidate first.</summary>
    public bool Sticky { get; init; }

    /// <summary>Gets a value indicating whether only ejected sources were left and were tried anyway.</summary>
    public bool Panic { get; init; }

    /// <summary>Gets a one-line explanation of the choice.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the attempts in order.</summary>
    public IReadOnlyList<RoutingLogAttempt> Attempts { get; init; } = [];

    /// <summary>Gets the request's final status: <c>success</c>, <c>error</c>, <c>cancelled</c> or <c>partial</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the HTTP status the client got.</summary>
    public int HttpStatus { get; init; }

    /// <summary>Gets the error type when the request failed.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the request's total latency in milliseconds.</summary>
    public double LatencyMs { get; init; }
}
