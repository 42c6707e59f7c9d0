using Switchboard.Abstractions.Configuration;

namespace Switchboard.Storage.Tests.Migrations;

/// <summary>Compares platform models by value, capabilities included (records compare lists by reference).</summary>
internal sealed class ModelComparer : IEqualityComparer<PlatformModelConfig>
{
    public static readonly ModelComparer Instance = new();

    private static readonly IReadOnlyList<string> None = [];

    public bool Equals(PlatformModelConfig? x, PlatformModelConfig? y) =>
        x is not null && y is not null
        && x with { Capabilities = None } == y with { Capabilities = None }
        && x.Capabilities.SequenceEqual(y.Capabilities);

    public int GetHashCode(PlatformModelConfig obj) => HashCode.Combine(obj.Id, obj.DisplayName);
}
