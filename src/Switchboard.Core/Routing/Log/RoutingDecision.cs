namespace Switchboard.Core.Routing.Log;

/// <summary>Describes how one request was routed: the candidates in ranked order, why, and every attempt.</summary>
public sealed record RoutingDecision
{
    /// <summary>Gets the catalog model id.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the strategy that ranked the candidates.</summary>
    public required string Strategy { get; init; }

    /// <summary>Gets the admitted sources, best first.</summary>
    public required IReadOnlyList<string> Candidates { get; init; }

    /// <summary>Gets how many sources the model has, admitted or not.</summary>
    public int SourceCount { get; init; }

    /// <summary>Gets a value indicating whether a sticky session put the first candidate first.</summary>
    public bool Sticky { get; init; }

    /// <summary>Gets a value indicating whether only ejected sources were left and were tried anyway.</summary>
    public bool Panic { get; init; }

    /// <summary>Gets the attempts in order.</summary>
    public required IReadOnlyList<AttemptRecord> Attempts { get; init; }

    /// <summary>Gets a one-line explanation of the choice.</summary>
    public string Reason =>
        Sticky ? $"sticky session kept {Candidates[0]}"
        : Panic ? $"every source was ejected; tried the ones due back soonest ({Strategy} not applied)"
        : $"{Strategy} ranked {Candidates.Count} of {SourceCount} sources; the others were ejected, cooling or without keys";
}
