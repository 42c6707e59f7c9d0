using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Core.Routing;

namespace Switchboard.Core.Tests.Routing;

internal static class RoutingTestData
{
    public static SnapshotBuilder Builder(Func<string, string, string, string?>? unseal = null) =>
        new([new FakeKind("openai"), new FakeKind("local", requiresKey: false)], new NoPresets(), unseal ?? ((sealedValue, _, _) => "plain:" + sealedValue), NullLogger.Instance);

    public static PlatformConfig Platform(long id, string name, string kind = "openai") =>
        new() { Id = id, Name = name, Kind = kind, BaseUrl = $"https://{name}.example.com/v1" };

    public static PlatformModelConfig Model(long id, long platformId, string display, string upstream = "up") =>
        new() { Id = id, PlatformId = platformId, DisplayName = display, UpstreamModel = upstream };

    public static ApiKeyConfig Key(long id, long platformId, string owner = SystemUser.Id, int priority = 0) =>
        new() { Id = id, PlatformId = platformId, OwnerUserId = owner, SealedValue = $"k{id}", Masked = "k…", Priority = priority };

    internal sealed class FakeKind(string name, bool requiresKey = true) : IChatCompletionProvider
    {
        public string Name => name;

        public bool RequiresApiKey => requiresKey;

        public ValueTask<UpstreamResult<ChatCompletion>> CompleteAsync(UpstreamChatCall call, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<UpstreamResult<IChatStream>> StreamAsync(UpstreamChatCall call, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class NoPresets : IPlatformPresets
    {
        public IReadOnlyCollection<PlatformPreset> All => [];

        public PlatformPreset? Find(string name) => null;

        public PlatformPreset? MatchBaseUrl(Uri baseUrl) => null;
    }
}
