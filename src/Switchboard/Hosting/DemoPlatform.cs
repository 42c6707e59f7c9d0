using Switchboard.Abstractions.Configuration;

namespace Switchboard.Hosting;

/// <summary>Describes the built-in demo platform a fresh install starts with.</summary>
internal static class DemoPlatform
{
    public static PlatformSeed Seed { get; } = new()
    {
        Platform = new PlatformConfig { Name = "demo", Kind = "demo", BaseUrl = "https://demo.switchboard.invalid" },
        Models =
        [
            new PlatformModelConfig { DisplayName = "demo", UpstreamModel = "demo", ContextWindow = 8192, Capabilities = ["tools"] },
            new PlatformModelConfig { DisplayName = "demo-embedding", UpstreamModel = "demo-embedding", Type = "embedding" },
        ],
    };
}
