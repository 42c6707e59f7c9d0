namespace Switchboard.Core.Pipeline;

/// <summary>Names the outcomes a usage record can have.</summary>
public static class UsageStatus
{
    /// <summary>The request succeeded.</summary>
    public const string Success = "success";

    /// <summary>The request failed.</summary>
    public const string Error = "error";

    /// <summary>The client went away before the end.</summary>
    public const string Cancelled = "cancelled";
}
