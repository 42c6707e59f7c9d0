using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Core.Routing;

namespace Switchboard.Simulator;

/// <summary>A seeded set of source profiles and the catalog model that routes over them.</summary>
/// <remarks>The same seed always builds the same sources, episodes and prices, so runs are comparable and repeatable.</remarks>
internal sealed class Scenario
{
    public const string ModelId = "sim";

    private Scenario(IReadOnlyList<SourceProfile> sources, TimeSpan duration, int seed)
    {
        Sources = sources;
        Duration = duration;
        Seed = seed;
    }

    public IReadOnlyList<SourceProfile> Sources { get; }

    public TimeSpan Duration { get; }

    public int Seed { get; }

    /// <summary>Builds <paramref name="count"/> sources with episodes spread over <paramref name="duration"/>.</summary>
    public static Scenario Generate(int count, TimeSpan duration, int seed)
    {
        var random = new Random(seed);
        var sources = new List<SourceProfile>(count);
        var length = duration.Ticks;
        for (var i = 0; i < count; i++)
        {
            var episodes = new List<Episode>();
            if (random.NextDouble() < 0.4)
            {
                for (var e = random.Next(1, 3); e > 0; e--)
                {
                    var span = TimeSpan.FromSeconds(30 + (random.NextDouble() * 270)).Ticks;
                    var start = (long)(random.NextDouble() * Math.Max(1, length - span));
                    var kind = (EpisodeKind)random.Next(0, 4);
                    episodes.Add(new Episode(kind, start, start + span));
                }
            }

            if (random.NextDouble() < 0.3)
            {
                var span = TimeSpan.FromSeconds(60 + (random.NextDouble() * 540)).Ticks;
                var start = (long)(random.NextDouble() * Math.Max(1, length - span));
                episodes.Add(new Episode(EpisodeKind.Slowdown, start, start + span, 3 + (random.NextDouble() * 7)));
            }

            var input = Math.Round((decimal)Math.Exp(Lerp(random, Math.Log(0.1), Math.Log(15))), 2);
            sources.Add(new SourceProfile
            {
                Name = $"p{i:00}",
                InputPrice = input,
                OutputPrice = input * (2 + random.Next(0, 3)),
                Weight = random.Next(1, 6),
                Keys = random.Next(1, 4),
                BaseLatencyMs = Math.Exp(Lerp(random, Math.Log(150), Math.Log(1500))),
                Capacity = Lerp(random, 20, 200),
                KeyRateLimitPerSecond = random.Next(10, 51),
                BackgroundFailureRate = random.NextDouble() < 0.1 ? Lerp(random, 0.2, 0.4) : Lerp(random, 0, 0.01),
                Dead = i == count / 2,
                Episodes = episodes,
            });
        }

        return new Scenario(sources, duration, seed);
    }

    /// <summary>Builds the catalog model through the real snapshot builder, so sources, keys and strategy are wired as in the gateway.</summary>
    public CatalogEntry BuildModel(string strategy)
    {
        var platforms = new List<PlatformConfig>();
        var models = new List<PlatformModelConfig>();
        var keys = new List<ApiKeyConfig>();
        for (var i = 0; i < Sources.Count; i++)
        {
            var profile = Sources[i];
            var id = i + 1;
            platforms.Add(new PlatformConfig { Id = id, Name = profile.Name, Kind = SimulatedKind.KindName, BaseUrl = $"https://{profile.Name}.sim.invalid/v1" });
            models.Add(new PlatformModelConfig
            {
                Id = id,
                PlatformId = id,
                DisplayName = "m",
                UpstreamModel = "m",
                InputPricePerMillion = profile.InputPrice,
                OutputPricePerMillion = profile.OutputPrice,
            });
            for (var k = 0; k < profile.Keys; k++)
            {
                keys.Add(new ApiKeyConfig { Id = KeyId(i, k), PlatformId = id, SealedValue = $"sk-{profile.Name}-{k}", Masked = "sk-…" });
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
                    Id = ModelId,
                    Strategy = strategy,
                    Sources = [.. Sources.Select(s => new CatalogSourceConfig(s.Name, "m", 0, s.Weight))],
                },
            ],
        };
        var builder = new SnapshotBuilder([new SimulatedKind()], new NoPresets(), (value, _, _) => value, NullLogger.Instance);
        return builder.Build(data, 1).FindModel(ModelId)!;
    }

    /// <summary>Returns the key id of key <paramref name="key"/> of source <paramref name="source"/>.</summary>
    public static long KeyId(int source, int key) => ((source + 1) * 10L) + key;

    private static double Lerp(Random random, double low, double high) => low + (random.NextDouble() * (high - low));

    private sealed class SimulatedKind : IProviderKind
    {
        public const string KindName = "simulated";

        public string Name => KindName;
    }

    private sealed class NoPresets : IPlatformPresets
    {
        public IReadOnlyCollection<PlatformPreset> All => [];

        public PlatformPreset? Find(string name) => null;

        public PlatformPreset? MatchBaseUrl(Uri baseUrl) => null;
    }
}
