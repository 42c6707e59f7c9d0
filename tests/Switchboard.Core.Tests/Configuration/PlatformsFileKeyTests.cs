using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Secrets;

namespace Switchboard.Core.Tests.Configuration;

public sealed class PlatformsFileKeyTests
{
    private const string Secret = "sk-dashscope-9f8e7d6c5b4a";

    [Fact]
    public void Parse_EnvironmentPlaceholder_ResolvesAndSealsForTheRow()
    {
        var harness = new PlatformsFileHarness().WithEnvironment("DASHSCOPE_API_KEY", Secret);

        var file = harness.Parse("""
            platforms:
              qwen:
                base_url: https://dashscope.aliyuncs.com/compatible-mode/v1
                api_key: '{DASHSCOPE_API_KEY}'
            """);

        var key = Assert.Single(Assert.Single(file.Platforms).Keys);
        Assert.Equal(Secret, harness.OpenStoredKey("qwen", key.SealedValue));
        Assert.Equal("sk-d…5b4a", key.Masked);
        Assert.Equal(SystemUser.Id, key.OwnerUserId);
        Assert.Equal(ApiKeyStatus.Active, key.Status);
        Assert.DoesNotContain(Secret, key.SealedValue, StringComparison.Ordinal);
        Assert.False(harness.Sealer.TryUnseal(key.SealedValue, SecretContexts.PlatformKey("-1", "other"), out _));
        Assert.Empty(file.Warnings);
    }

    [Theory]
    [InlineData("'${DASHSCOPE_API_KEY}'")]
    [InlineData("'{ DASHSCOPE_API_KEY }'")]
    public void Parse_PlaceholderSpellings_AreAccepted(string value)
    {
        var harness = new PlatformsFileHarness().WithEnvironment("DASHSCOPE_API_KEY", Secret);

        var file = harness.Parse($"platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    api_key: {value}\n");

        Assert.Equal(Secret, harness.OpenStoredKey("qwen", file.Platforms[0].Keys[0].SealedValue));
    }

    [Fact]
    public void Parse_MissingEnvironmentVariable_WarnsAndSkipsTheKey()
    {
        var harness = new PlatformsFileHarness().WithEnvironment("EMPTY_KEY", "  ");

        var file = harness.Parse("""
            platforms:
              qwen:
                base_url: https://dashscope.aliyuncs.com/compatible-mode/v1
                api_key: '{DASHSCOPE_API_KEY}'
                keys: ['{EMPTY_KEY}']
            """);

        Assert.Empty(file.Platforms[0].Keys);
        Assert.Collection(
            file.Warnings,
            w => Assert.Equal(
                "platforms.yaml:4:5: platforms.qwen.api_key: environment variable DASHSCOPE_API_KEY for platform qwen is not set; that key is skipped",
                w),
            w => Assert.Contains("EMPTY_KEY", w, StringComparison.Ordinal));
        Assert.Contains(harness.Logger.Entries, e => e.Message.Contains("DASHSCOPE_API_KEY", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SealedFileValue_OpensAndReSealsForTheRow()
    {
        var harness = new PlatformsFileHarness();
        var sealedForFile = harness.Sealer.Seal(Secret, SecretContexts.File);

        var file = harness.Parse($"platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    api_key: '{sealedForFile}'\n");

        var key = file.Platforms[0].Keys[0];
        Assert.NotEqual(sealedForFile, key.SealedValue);
        Assert.Equal(Secret, harness.OpenStoredKey("qwen", key.SealedValue));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Parse_EnvironmentVariableHoldingSealedValue_OpensIt()
    {
        var harness = new PlatformsFileHarness();
        harness.WithEnvironment("QWEN_KEY", harness.Sealer.Seal(Secret, SecretContexts.File));

        var file = harness.Parse("platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    api_key: '{QWEN_KEY}'\n");

        Assert.Equal(Secret, harness.OpenStoredKey("qwen", file.Platforms[0].Keys[0].SealedValue));
    }

    [Fact]
    public void Parse_SealedWithAnotherMasterKey_FailsWithLocationAndWithoutTheValue()
    {
        var foreign = new SecretSealer("someone-elses-master-key").Seal(Secret, SecretContexts.File);

        var error = new PlatformsFileHarness().ParseFails(
            $"platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    api_key: '{foreign}'\n");

        Assert.StartsWith("platforms.yaml:4:5: platforms.qwen.api_key: the sealed value cannot be opened: the master key does not match", error.Message, StringComparison.Ordinal);
        Assert.Contains("SWITCHBOARD_MASTER_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(foreign[7..], error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SealedValueOfUnknownVersion_FailsClearly()
    {
        var error = new PlatformsFileHarness().ParseFails(
            "platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    keys:\n      - ENC:v9:QUJDREVGR0g=\n");

        Assert.StartsWith("platforms.yaml:5:9: platforms.qwen.keys[0]: the sealed value cannot be opened.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("QUJDREVGR0g=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PlainTextKey_WarnsLoudlyWithoutTheValue()
    {
        var harness = new PlatformsFileHarness();

        var file = harness.Parse($"platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    api_key: {Secret}\n");

        Assert.Equal(Secret, harness.OpenStoredKey("qwen", file.Platforms[0].Keys[0].SealedValue));
        var warning = Assert.Single(file.Warnings);
        Assert.Equal("platforms.yaml:4:5: platforms.qwen.api_key: plain-text api_key for platform qwen; seal it with the `seal` command (`dotnet Switchboard.Server.dll seal`)", warning);
        Assert.All(harness.Logger.Entries, e => Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal));
        Assert.Contains(harness.Logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("plain-text", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("api_key:")]
    [InlineData("api_key: ''")]
    [InlineData("api_key: ~")]
    public void Parse_EmptyApiKey_AddsNoKeyAndNoWarning(string line)
    {
        var file = new PlatformsFileHarness().Parse($"platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    {line}\n");

        Assert.Empty(file.Platforms[0].Keys);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Parse_KeysList_ReadsWeightPriorityLabelAndStatus()
    {
        var harness = new PlatformsFileHarness().WithEnvironment("K1", "sk-first-key-000001").WithEnvironment("K2", "sk-second-key-00002");

        var file = harness.Parse("""
            platforms:
              deepseek:
                preset: deepseek
                api_key: '{K1}'
                keys:
                  - { key: '{K2}', weight: 2, priority: 1, label: backup }
                  - { key: '{K1}', label: repeat }
                  - key: '{K2}x'
                    enabled: false
            """);

        var keys = file.Platforms[0].Keys;
        Assert.Equal(3, keys.Count);
        Assert.Equal((1, 0, null), (keys[0].Weight, keys[0].Priority, keys[0].Label));
        Assert.Equal((2, 1, "backup"), (keys[1].Weight, keys[1].Priority, keys[1].Label));
        Assert.Equal("sk-second-key-00002", harness.OpenStoredKey("deepseek", keys[1].SealedValue));
        Assert.Equal(ApiKeyStatus.Disabled, keys[2].Status);
        Assert.Contains(file.Warnings, w => w.Contains("listed twice", StringComparison.Ordinal) && !w.Contains("sk-first", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Contains("platforms.deepseek.keys[2].key", StringComparison.Ordinal) && w.Contains("plain-text", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DisabledKey_IsStoredAsDisabled()
    {
        var harness = new PlatformsFileHarness().WithEnvironment("K1", "sk-first-key-000001");

        var file = harness.Parse("platforms:\n  p:\n    base_url: https://llm.example.com/v1\n    keys:\n      - { key: '{K1}', enabled: false }\n");

        Assert.Equal(ApiKeyStatus.Disabled, file.Platforms[0].Keys[0].Status);
    }
}
