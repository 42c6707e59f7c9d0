namespace Switchboard.Core.Limits;

/// <summary>Names what a request with limits gets while the limit store cannot answer.</summary>
public static class LimitStoreFailureModes
{
    /// <summary>Refuse it with 503 <c>limits_unavailable</c>: no request is admitted that its limits were not checked for.</summary>
    public const string Closed = "closed";

    /// <summary>Admit it unchecked and charge its spend, tokens and request to its limits once the store answers again.</summary>
    public const string Open = "open";
}
