namespace Switchboard.Abstractions.Configuration;

/// <summary>Says whether an upstream key may be used.</summary>
public enum ApiKeyStatus
{
    /// <summary>In use.</summary>
    Active = 0,

    /// <summary>Temporarily skipped after rate limiting.</summary>
    Cooling = 1,

    /// <summary>Turned off by an operator.</summary>
    Disabled = 2,

    /// <summary>Rejected by the upstream as invalid.</summary>
    Invalid = 3,
}
