using Switchboard.Abstractions.Providers;

namespace Switchboard.Core.Routing;

/// <summary>Pairs one key (or none) of a source with the prebuilt upstream target, so a request allocates nothing to pick it.</summary>
/// <param name="Key">The key, or null for platforms that need none.</param>
/// <param name="Target">The upstream target built for this key.</param>
/// <param name="StateId">The id under which runtime health of this key is kept (the key id, or a negative id for key-less platforms).</param>
internal sealed record SourceTarget(KeyEntry? Key, UpstreamTarget Target, long StateId);
