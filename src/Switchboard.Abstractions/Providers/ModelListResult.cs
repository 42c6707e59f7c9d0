namespace Switchboard.Abstractions.Providers;

/// <summary>Holds the models an upstream listed.</summary>
public sealed class ModelListResult
{
    /// <summary>Gets the models.</summary>
    public required IReadOnlyList<UpstreamModelInfo> Models { get; init; }
}
