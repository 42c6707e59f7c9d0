namespace Switchboard.Abstractions.Configuration;

/// <summary>Holds one system platform as declared in the platforms file, with its keys and models.</summary>
/// <remarks>Ids in the contained records are ignored; storage assigns them.</remarks>
public sealed record PlatformSeed
{
    /// <summary>Gets the platform.</summary>
    public required PlatformConfig Platform { get; init; }

    /// <summary>Gets the server keys, already sealed.</summary>
    public IReadOnlyList<ApiKeyConfig> Keys { get; init; } = [];

    /// <summary>Gets the models.</summary>
    public IReadOnlyList<PlatformModelConfig> Models { get; init; } = [];
}
