using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Core.Routing;

/// <summary>Holds a platform resolved for routing: its endpoint, its provider kind and its server keys.</summary>
internal sealed class PlatformEntry(PlatformConfig config, UpstreamEndpoint endpoint, IProviderKind provider, IReadOnlyList<KeyEntry> keys, bool requiresKey)
{
    public PlatformConfig Config { get; } = config;

    public string Name => Config.Name;

    public UpstreamEndpoint Endpoint { get; } = endpoint;

    public IProviderKind Provider { get; } = provider;

    public IReadOnlyList<KeyEntry> Keys { get; } = keys;

    public bool RequiresKey { get; } = requiresKey;
}
