using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Pricing;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Pricing;

/// <summary>Checks the price update on both databases: exact decimals round-trip, one transaction, only price columns change.</summary>
public abstract class PriceStoreTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task UpdatePlatformModelPrices_SetsPricesAndWindowExactly_AndLeavesEverythingElse()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([TestData.Platform("ds", ["chat", "coder"], "k1")], [], SeedMode.AddMissing, Ct);
        var before = await Store.Configuration.LoadAsync(Ct);
        var chat = before.Models.Single(m => m.DisplayName == "chat");
        var coder = before.Models.Single(m => m.DisplayName == "coder");

        var rows = await Store.Prices.UpdatePlatformModelPricesAsync(
        [
            new PlatformModelPriceUpdate(chat.Id, 0.00000015m * 1_000_000m, 0.0000006m * 1_000_000m, 0.000000075m * 1_000_000m, 0.1875m, 0.3m, 128000),
            new PlatformModelPriceUpdate(coder.Id, 1.23456789012345m, 0m, null, null, null, null),
            new PlatformModelPriceUpdate(999_999, 1m, 1m, null, null, null, null),
        ], Ct);

        Assert.Equal(2, rows);
        var after = await Store.Configuration.LoadAsync(Ct);
        var newChat = after.Models.Single(m => m.Id == chat.Id);
        Assert.Equal(
            (0.15m, 0.6m, (decimal?)0.075m, (decimal?)0.1875m, (decimal?)0.3m, (int?)128000),
            (newChat.InputPricePerMillion, newChat.OutputPricePerMillion, newChat.CachedInputPricePerMillion, newChat.CacheWritePricePerMillion, newChat.CacheWrite1HourPricePerMillion, newChat.ContextWindow));
        var newCoder = after.Models.Single(m => m.Id == coder.Id);
        Assert.Equal(
            (1.23456789012345m, 0m, (decimal?)null, (decimal?)null, (decimal?)null, (int?)null),
            (newCoder.InputPricePerMillion, newCoder.OutputPricePerMillion, newCoder.CachedInputPricePerMillion, newCoder.CacheWritePricePerMillion, newCoder.CacheWrite1HourPricePerMillion, newCoder.ContextWindow));

        // Everything but the prices and the window is as before, and keys are untouched.
        Assert.Equal(
            chat with { InputPricePerMillion = 0.15m, OutputPricePerMillion = 0.6m, CachedInputPricePerMillion = 0.075m, CacheWritePricePerMillion = 0.1875m, CacheWrite1HourPricePerMillion = 0.3m, ContextWindow = 128000 },
            newChat,
            PlatformModelComparer.Instance);
        Assert.Equal(before.Keys.Select(k => (k.Id, k.SealedValue, k.Status)), after.Keys.Select(k => (k.Id, k.SealedValue, k.Status)));
    }

    [Fact]
    public async Task UpdatePlatformModelPrices_Empty_WritesNothing()
    {
        await Store.MigrateAsync(Ct);
        Assert.Equal(0, await Store.Prices.UpdatePlatformModelPricesAsync([], Ct));
    }

    /// <summary>Compares platform models field by field (the capability list is compared by content).</summary>
    private sealed class PlatformModelComparer : IEqualityComparer<PlatformModelConfig>
    {
        public static readonly PlatformModelComparer Instance = new();

        public bool Equals(PlatformModelConfig? x, PlatformModelConfig? y) =>
            x is not null && y is not null
            && (x with { Capabilities = [] }) == (y with { Capabilities = [] })
            && x.Capabilities.SequenceEqual(y.Capabilities);

        public int GetHashCode(PlatformModelConfig obj) => obj.Id.GetHashCode();
    }
}
