using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Storage.Tests;

/// <summary>Builds platforms, catalog models and usage records for storage tests.</summary>
internal static class TestData
{
    /// <summary>A fixed, millisecond-precise UTC instant (SQLite keeps milliseconds).</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 30, 15, 123, TimeSpan.Zero);

    public static PlatformSeed Platform(string name, string[] models, params string[] keyLabels) => new()
    {
        Platform = new PlatformConfig
        {
            Name = name,
            Kind = "openai",
            Preset = "deepseek",
            BaseUrl = $"https://{name}.example.test/v1",
            Headers = new Dictionary<string, string> { ["X-Team"] = "平台-" + name },
            Options = new Dictionary<string, string> { ["api_version"] = "2024-10-01" },
            ExtraBodyJson = """{"enable_thinking":false}""",
        },
        Keys = [.. keyLabels.Select(label => Key(label))],
        Models = [.. models.Select(m => Model(m, m + "-upstream"))],
    };

    public static ApiKeyConfig Key(string label, string owner = SystemUser.Id) => new()
    {
        OwnerUserId = owner,
        Label = label,
        SealedValue = "ENC:v1:" + label,
        Masked = "sk-a…" + label,
        Weight = 3,
        Priority = 1,
        Status = ApiKeyStatus.Cooling,
    };

    public static PlatformModelConfig Model(string displayName, string upstream) => new()
    {
        DisplayName = displayName,
        UpstreamModel = upstream,
        ExtraBodyJson = """{"top_k":5}""",
        InputPricePerMillion = 0.15m,
        OutputPricePerMillion = 2.50m,
        CachedInputPricePerMillion = 0.075m,
        CacheWritePricePerMillion = 0.1875m,
        CacheWrite1HourPricePerMillion = 0.3m,
        ContextWindow = 131072,
        Capabilities = ["tools", "vision"],
    };

    public static CatalogModelConfig Catalog(string id, string platform, string model) => new()
    {
        Id = id,
        DisplayName = id.ToUpperInvariant(),
        Strategy = "priority",
        UserInputPricePerMillion = 0.2m,
        UserOutputPricePerMillion = 3m,
        UserCachedInputPricePerMillion = 0.02m,
        UserCacheWritePricePerMillion = 0.25m,
        TierRequired = "pro",
        Tags = ["fast", "中文"],
        ContextWindow = 64000,
        MaxOutputTokens = 8192,
        Featured = true,
        Sources = [new CatalogSourceConfig(platform, model, 0, 2), new CatalogSourceConfig("backup", model, 1, 1)],
    };

    public static UsageRecord Usage(string requestId, DateTimeOffset timestamp, string userId = "user_1") => new()
    {
        RequestId = requestId,
        Timestamp = timestamp,
        UserId = userId,
        VirtualKeyId = 7,
        AgentName = "agent-x",
        Slot = "fast",
        Endpoint = "chat",
        Protocol = "anthropic-messages",
        RequestedModel = "slot:fast",
        CatalogModel = "qwen-flash",
        Platform = "dashscope",
        Provider = "openai",
        UpstreamModel = "qwen-flash-2025",
        KeyId = 42,
        Tokens = new TokenUsage(1200, 350, 1000, 10, 120, CacheWrite1HourTokens: 4),
        UsageSource = UsageSource.Reported,
        ProviderCost = 0.000123456789m,
        UserPrice = 0.0002m,
        LatencyMs = 812.5,
        TimeToFirstTokenMs = 95.25,
        Attempts = 2,
        Stream = true,
        Status = "success",
        HttpStatus = 200,
    };

    public static List<UsageRecord> UsageBatch(string prefix, int count, DateTimeOffset start) =>
        [.. Enumerable.Range(0, count).Select(i => Usage($"{prefix}-{i}", start.AddMilliseconds(i), $"user_{i % 7}"))];
}
