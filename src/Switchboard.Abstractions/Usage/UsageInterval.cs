namespace Switchboard.Abstractions.Usage;

/// <summary>Says how wide the buckets of a usage timeline are.</summary>
public enum UsageInterval
{
    /// <summary>One bucket per hour.</summary>
    Hour = 0,

    /// <summary>One bucket per day.</summary>
    Day,
}
