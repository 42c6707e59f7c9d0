namespace Switchboard.Simulator;

/// <summary>Says what goes wrong with a source during an episode.</summary>
internal enum EpisodeKind
{
    /// <summary>Every call answers 500 after a short wait.</summary>
    ServerErrors,

    /// <summary>Every call answers 529 (overloaded) quickly.</summary>
    Overloaded,

    /// <summary>Every call hangs until the first-byte timeout.</summary>
    Timeouts,

    /// <summary>Connections are refused at once.</summary>
    Refused,

    /// <summary>Calls succeed, but several times slower.</summary>
    Slowdown,
}
