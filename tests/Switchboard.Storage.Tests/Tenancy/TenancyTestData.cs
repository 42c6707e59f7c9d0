using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Storage.Tests.Tenancy;

/// <summary>Builds users, slots, private platforms and limit charges for the tenancy tests.</summary>
internal static class TenancyTestData
{
    public static UserRecord User(string id, string tier = "free") => new()
    {
        Id = id,
        Role = "user",
        Tier = tier,
        DisplayName = "用户 " + id,
        Limits = new LimitSettings
        {
            Budget = 12.345678m,
            BudgetPeriod = BudgetPeriod.Week,
            RequestsPerMinute = 60,
            TokensPerMinute = 5_000_000_000L,
            MaxParallel = 4,
        },
        CreatedAt = TestData.T0,
        UpdatedAt = TestData.T0,
    };

    public static UsageSlotRecord CatalogSlot(string userId, string slot, string catalogModel, int position = 0) => new()
    {
        UserId = userId,
        Slot = slot,
        Label = slot.ToUpperInvariant(),
        CatalogModel = catalogModel,
        Position = position,
        UpdatedAt = TestData.T0,
    };

    public static UsageSlotRecord ModelSlot(string userId, string slot, long platformModelId, int position = 0) => new()
    {
        UserId = userId,
        Slot = slot,
        Label = slot.ToUpperInvariant(),
        PlatformModelId = platformModelId,
        Position = position,
        UpdatedAt = TestData.T0,
    };

    public static UsageSlotRecord[] DefaultSlots(string userId) =>
    [
        CatalogSlot(userId, "main", "ds-chat", 0),
        CatalogSlot(userId, "fast", "qwen-flash", 1),
        CatalogSlot(userId, "reason", "ds-reasoner", 2),
    ];

    public static PlatformConfig PrivatePlatform(string owner, string name) => new()
    {
        Name = name,
        Kind = "openai",
        Preset = "openrouter",
        BaseUrl = $"https://{name}.example.test/v1",
        Headers = new Dictionary<string, string> { ["X-Owner"] = owner },
        Options = new Dictionary<string, string> { ["api_version"] = "v1" },
        ExtraBodyJson = """{"reasoning":{"effort":"low"}}""",
        OwnerUserId = owner,
    };

    public static PlatformModelConfig Model(long platformId, string displayName) =>
        TestData.Model(displayName, displayName + "-upstream") with { PlatformId = platformId };
}
