namespace Switchboard.Core.Routing.Health;

/// <summary>Says whether a source takes traffic: closed (yes), open (ejected) or half-open (trial requests only).</summary>
internal enum CircuitState
{
    /// <summary>The source takes traffic.</summary>
    Closed,

    /// <summary>The source is ejected until its ejection time ends.</summary>
    Open,

    /// <summary>The ejection time ended; a few trial requests decide whether the source closes or opens again.</summary>
    HalfOpen,
}
