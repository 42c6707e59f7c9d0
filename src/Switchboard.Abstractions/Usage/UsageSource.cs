namespace Switchboard.Abstractions.Usage;

/// <summary>Says where the token counts of a usage record came from.</summary>
public enum UsageSource
{
    /// <summary>No tokens were counted (the request never reached a model).</summary>
    None = 0,

    /// <summary>The provider reported the numbers.</summary>
    Reported = 1,

    /// <summary>The gateway estimated the numbers with its local tokenizer.</summary>
    Estimated = 2,

    /// <summary>The stream was cut short; the numbers count what was actually delivered.</summary>
    Partial = 3,

    /// <summary>The provider reported numbers that cannot be true (negative, or beyond any model); the gateway's estimate replaced them.</summary>
    Corrected = 4,

    /// <summary>The answer came from the gateway's response cache; the numbers are those of the request that was answered upstream.</summary>
    Cached = 5,
}
