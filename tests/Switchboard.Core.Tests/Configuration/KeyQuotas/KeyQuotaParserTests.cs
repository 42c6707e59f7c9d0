using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Core.Tests.Configuration.KeyQuotas;

public sealed class KeyQuotaParserTests
{
    [Fact]
    public void Parse_KeyQuotas_ReadsTokensCostAndPeriod_KeysWithoutStayUnlimited()
    {
        var harness = new PlatformsFileHarness().WithEnvironment("K1", "sk-first-key-000001").WithEnvironment("K2", "sk-second-key-00002");

        var file = harness.Parse("""
            platforms:
              pool:
                base_url: https://llm.example.com/v1
                api_key: '{K1}'
                keys:
                  - { key: '{K2}', quota: { tokens: 5000000000, cost: 12.5, period: weekly } }
                  - key: '{K2}x'
                    quota: { cost: 3 }
            """);

        var keys = file.Platforms[0].Keys;
        Assert.Null(keys[0].Quota);
        Assert.Equal(new KeyQuotaConfig { Tokens = 5_000_000_000, Cost = 12.5m, Period = BudgetPeriod.Week }, keys[1].Quota);
        Assert.Equal(new KeyQuotaConfig { Cost = 3m, Period = BudgetPeriod.Month }, keys[2].Quota);
    }

    [Theory]
    [InlineData("{ tokens: 1.5 }", "platforms.p.keys[0].quota.tokens: expected a whole number of tokens")]
    [InlineData("{ tokens: 10, period: total }", "platforms.p.keys[0].quota.period: expected day, week or month")]
    [InlineData("{ period: day }", "platforms.p.keys[0].quota: expected tokens or cost (or both) in the quota")]
    [InlineData("{ cost: -1 }", "platforms.p.keys[0].quota.cost: expected a number that is not negative")]
    [InlineData("[1, 2]", "platforms.p.keys[0].quota: expected a map with tokens, cost and period, found a list")]
    public void Parse_BadQuota_FailsNamingTheField(string quota, string expected)
    {
        var harness = new PlatformsFileHarness().WithEnvironment("K1", "sk-first-key-000001");

        var error = harness.ParseFails($"platforms:\n  p:\n    base_url: https://llm.example.com/v1\n    keys:\n      - {{ key: '{{K1}}', quota: {quota} }}\n");

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
