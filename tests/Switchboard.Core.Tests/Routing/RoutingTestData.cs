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

    /// <summary>Builds catalog model <c>pool</c> with one platform per spec (platform i has id i+1, model id 10(i+1), keys 100(i+1)+k).</summary>
    public static CatalogEntry Pool(string? strategy, params SourceSpec[] specs)
    {
        var platforms = new List<PlatformConfig>();
        var models = new List<PlatformModelConfig>();
        var keys = new List<ApiKeyConfig>();
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = specs[i];
            var id = i + 1;
            platforms.Add(Platform(id, spec.Name));
            models.Add(Model(10 * id, id, "m") with { InputPricePerMillion = spec.InputPrice, OutputPricePerMillion = spec.OutputPrice });
            var weights = spec.KeyWeights ?? [1];
            for (var k = 0; k < weights.Length; k++)
            {
                keys.Add(Key((100 * id) + k, id) with { Weight = weights[k] });
            }
        }

        var data = new ConfigurationData
        {
            Platforms = platforms,
            Models = models,
            Keys = keys,
            Catalog =
            [
                new CatalogModelConfig
                {
                    Id = "pool",
                    Strategy = strategy,
                    Sources = [.. specs.Select(s => new CatalogSourceConfig(s.Name, "m", s.Priority, s.Weight))],
                },
            ],
        };
        return Builder().Build(data, 1).FindModel("pool")!;
    }

    /// <summary>Returns the source and target of a key id in a model.</summary>
    public static (SourceEntry Source, SourceTarget Target) TargetOf(CatalogEntry model, long keyId)
    {
        var source = model.Sources.First(s => s.Targets.Any(t => t.StateId == keyId));
        return (source, source.Targets.First(t => t.StateId == keyId));
    }

    /// <summary>Records a failure of a key as the pipeline would.</summary>
    public static void Fail(RoutingState states, CatalogEntry model, long keyId, UpstreamError error)
    {
        var (source, target) = TargetOf(model, keyId);
        states.RecordFailure(source, target, error);
    }

    /// <summary>Lists the key ids a full plan would try, in order, without recording outcomes.</summary>
    public static List<long> PlanIds(CatalogEntry model, RoutingState states, int maxAttempts = 10, string? session = null)
    {
        using var plan = new AttemptPlan(states, maxAttempts);
        AttemptPlanner.Plan(model, plan, session, out _);
        var ids = new List<long>();
        foreach (var (_, target) in plan)
        {
            ids.Add(target.StateId);
        }

        return ids;
    }

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
