using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Routing;
using Switchboard.Core.Usage;

namespace Switchboard.Core.Tests.Usage;

/// <summary>Checks that every token class is billed once at its own rate, for the provider and for the user.</summary>
public sealed class UsageAccountingTests
{
    // Anthropic-like source: input 3, output 15, cache read 0.3, five-minute write 3.75, one-hour write 6 (per 1M).
    private static readonly PlatformModelConfig Claude = new()
    {
        DisplayName = "claude",
        UpstreamModel = "claude",
        InputPricePerMillion = 3m,
        OutputPricePerMillion = 15m,
        CachedInputPricePerMillion = 0.3m,
        CacheWritePricePerMillion = 3.75m,
        CacheWrite1HourPricePerMillion = 6m,
    };

    // 2,000 input tokens: 1,000 cache reads, 600 cache writes (200 of them one-hour), 400 plain; 100 output.
    private static readonly TokenUsage Mixed = new(2_000, 100, CachedInputTokens: 1_000, CacheWriteTokens: 600, CacheWrite1HourTokens: 200);

    [Fact]
    public void ProviderCost_EachInputClassAtItsOwnPrice()
    {
        // 400 × 3 + 1000 × 0.3 + 400 × 3.75 + 200 × 6 + 100 × 15 = 1200 + 300 + 1500 + 1200 + 1500 = 5700 per 1M.
        Assert.Equal(0.0057m, UsageAccounting.ProviderCost(Mixed, Claude));
    }

    [Fact]
    public void ProviderCost_NoCacheWritePrices_BillsWritesAsPlainInput()
    {
        var plain = Claude with { CacheWritePricePerMillion = null, CacheWrite1HourPricePerMillion = null };

        // 1000 × 3 + 1000 × 0.3 + 100 × 15 = 4800.
        Assert.Equal(0.0048m, UsageAccounting.ProviderCost(Mixed, plain));
    }

    [Fact]
    public void ProviderCost_OnlyAFiveMinutePrice_BillsOneHourWritesAtIt()
    {
        var fiveMinuteOnly = Claude with { CacheWrite1HourPricePerMillion = null };

        // 400 × 3 + 1000 × 0.3 + 600 × 3.75 + 100 × 15 = 1200 + 300 + 2250 + 1500 = 5250.
        Assert.Equal(0.00525m, UsageAccounting.ProviderCost(Mixed, fiveMinuteOnly));
    }

    [Theory]
    [InlineData(100, 0, 500, 0)] // writes larger than the input: only the input is billed
    [InlineData(100, 80, 500, 900)] // reads and writes together exceed the input
    [InlineData(-5, 3, 2, 1)] // a negative input bills no input at all
    public void ProviderCost_CountsAboveTheInput_NeverBillATokenTwice(long input, long cached, long writes, long oneHour)
    {
        var usage = new TokenUsage(input, 0, cached, writes, CacheWrite1HourTokens: oneHour);
        var dearest = Math.Max(input, 0) * 6m / 1_000_000m;

        Assert.InRange(UsageAccounting.ProviderCost(usage, Claude), 0m, dearest);
    }

    [Fact]
    public void UserPrice_UnsetCacheRates_FollowTheSourcesRatios()
    {
        // User input 1, output 5: cached 1 × 0.3/3 = 0.1, write 1 × 3.75/3 = 1.25, one-hour 1.25 × 6/3.75 = 2.
        // 400 × 1 + 1000 × 0.1 + 400 × 1.25 + 200 × 2 + 100 × 5 = 400 + 100 + 500 + 400 + 500 = 1900.
        Assert.Equal(0.0019m, UsageAccounting.UserPrice(Mixed, 1m, 5m, null, null, Claude));
    }

    [Fact]
    public void UserPrice_SetCacheRates_AreUsedAndTheOneHourRateScalesFromThem()
    {
        // Cached 0.5, write 2, one-hour 2 × 6/3.75 = 3.2: 400 + 500 + 800 + 640 + 500 = 2840.
        Assert.Equal(0.00284m, UsageAccounting.UserPrice(Mixed, 1m, 5m, 0.5m, 2m, Claude));
    }

    [Fact]
    public void UserPrice_UnpricedSourceOrNone_BillsCacheTokensAtTheUserInputRate()
    {
        var unpriced = new PlatformModelConfig { DisplayName = "m", UpstreamModel = "m" };

        // 2000 × 1 + 100 × 5 = 2500.
        Assert.Equal(0.0025m, UsageAccounting.UserPrice(Mixed, 1m, 5m, null, null, unpriced));
        Assert.Equal(0.0025m, UsageAccounting.UserPrice(Mixed, 1m, 5m, null, null, null));
        Assert.Equal(0.0025m, UsageAccounting.UserPrice(Mixed, 1m, 5m));
    }

    [Fact]
    public void WorstCaseUserPrice_PricesThePromptAtTheDearestRateOfAnySource()
    {
        var cheap = Build(new PlainKind(), Claude with { CacheWritePricePerMillion = null, CacheWrite1HourPricePerMillion = null });
        var claude = Build(new BillingKind(), Claude with { CacheWritePricePerMillion = null, CacheWrite1HourPricePerMillion = null });

        // Without cache-write billing the dearest input-side rate is the input price; with it, the one-hour write (2 × input).
        Assert.Equal((1000m * 1m + 100m * 5m) / 1_000_000m, UsageAccounting.WorstCaseUserPrice(cheap, 1000, 100));
        Assert.Equal((1000m * 2m + 100m * 5m) / 1_000_000m, UsageAccounting.WorstCaseUserPrice(claude, 1000, 100));
        Assert.Equal((1000m * 7m + 100m * 5m) / 1_000_000m, UsageAccounting.WorstCaseUserPrice(Catalog(cheap, userCacheWrite: 7m), 1000, 100));
    }

    [Fact]
    public void Snapshot_BillingKind_FillsUnsetCacheWritePricesFromItsMultipliers_AndKeepsSetOnes()
    {
        var filled = Build(new BillingKind(), Claude with { CacheWritePricePerMillion = null, CacheWrite1HourPricePerMillion = null });
        var kept = Build(new BillingKind(), Claude with { CacheWritePricePerMillion = 4m, CacheWrite1HourPricePerMillion = null });
        var plain = Build(new PlainKind(), Claude with { CacheWritePricePerMillion = null, CacheWrite1HourPricePerMillion = null });

        Assert.Equal((3.75m, 6m), Prices(filled));
        Assert.Equal((4m, 6m), Prices(kept));
        Assert.Equal((null, null), Prices(plain));

        static (decimal?, decimal?) Prices(CatalogEntry entry) =>
            (entry.Sources[0].Model.CacheWritePricePerMillion, entry.Sources[0].Model.CacheWrite1HourPricePerMillion);
    }

    private static CatalogEntry Catalog(CatalogEntry model, decimal? userCacheWrite) => new()
    {
        Id = model.Id,
        DisplayName = model.DisplayName,
        Type = model.Type,
        OwnedBy = model.OwnedBy,
        UserInputPricePerMillion = model.UserInputPricePerMillion,
        UserOutputPricePerMillion = model.UserOutputPricePerMillion,
        UserCacheWritePricePerMillion = userCacheWrite,
        Sources = model.Sources,
    };

    private static CatalogEntry Build(IProviderKind kind, PlatformModelConfig model)
    {
        var data = new ConfigurationData
        {
            Platforms = [new PlatformConfig { Id = 1, Name = "p", Kind = kind.Name, BaseUrl = "https://p.example.com/v1" }],
            Models = [model with { Id = 10, PlatformId = 1, DisplayName = "m" }],
            Keys = [new ApiKeyConfig { Id = 100, PlatformId = 1, OwnerUserId = SystemUser.Id, SealedValue = "k", Masked = "k…" }],
            Catalog = [new CatalogModelConfig { Id = "priced", UserInputPricePerMillion = 1m, UserOutputPricePerMillion = 5m, Sources = [new CatalogSourceConfig("p", "m")] }],
        };
        var builder = new SnapshotBuilder([kind], new NoPresets(), (value, _, _) => value, NullLogger.Instance);
        return builder.Build(data, 1).FindModel("priced")!;
    }

    /// <summary>A kind that bills cache writes as plain input (declares no multipliers).</summary>
    private sealed class PlainKind : IProviderKind
    {
        public string Name => "plain";
    }

    /// <summary>A kind that bills cache writes as Anthropic does.</summary>
    private sealed class BillingKind : IProviderKind, ICacheWritePricing
    {
        public string Name => "billing";

        public decimal CacheWriteMultiplier => 1.25m;

        public decimal CacheWrite1HourMultiplier => 2m;
    }

    private sealed class NoPresets : IPlatformPresets
    {
        public IReadOnlyCollection<PlatformPreset> All => [];

        public PlatformPreset? Find(string name) => null;

        public PlatformPreset? MatchBaseUrl(Uri baseUrl) => null;
    }
}
