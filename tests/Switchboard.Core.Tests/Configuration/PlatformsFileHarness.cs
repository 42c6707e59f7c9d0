using Switchboard.Core.Configuration;
using Switchboard.Core.Secrets;

namespace Switchboard.Core.Tests.Configuration;

/// <summary>Parses YAML text with a fixed master key, fake presets, a given environment and a capturing logger.</summary>
internal sealed class PlatformsFileHarness
{
    public const string FileName = "platforms.yaml";
    public const string MasterKey = "harness-master-key";

    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public SecretSealer Sealer { get; } = new(MasterKey);

    public ListLogger Logger { get; } = new();

    public PlatformsFileHarness WithEnvironment(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    public PlatformsFile Parse(string yaml) =>
        PlatformsFileLoader.Parse(yaml, FileName, Sealer, new FakePlatformPresets(), name => _environment.GetValueOrDefault(name), Logger);

    public ConfigurationFileException ParseFails(string yaml) => Assert.Throws<ConfigurationFileException>(() => Parse(yaml));

    /// <summary>Opens a stored key the way the engine will: bound to the system owner and the platform name.</summary>
    public string OpenStoredKey(string platformName, string sealedValue) =>
        Sealer.Unseal(sealedValue, SecretContexts.PlatformKey("-1", platformName));
}
