using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Routing;
using static Switchboard.Core.Tests.Routing.RoutingTestData;

namespace Switchboard.Core.Tests.Routing;

/// <summary>The provider filter of the original service's routes: which sources it admits, and that planning tries only those.</summary>
public sealed class SourceFilterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Model <c>m</c> on platform <c>a</c> (kind openai, preset deepseek, key 100) and platform <c>b</c> (kind local, key 200).</summary>
    private static CatalogEntry Model() => Builder().Build(new ConfigurationData
    {
        Platforms = [Platform(1, "a") with { Preset = "deepseek" }, Platform(2, "b", kind: "local")],
        Models = [RoutingTestData.Model(10, 1, "m"), RoutingTestData.Model(20, 2, "m")],
        Keys = [Key(100, 1), Key(200, 2)],
    }, 1).FindModel("m")!;

    [Theory]
    [InlineData("openai", "a")]
    [InlineData("DeepSeek", "a")]
    [InlineData("A", "a")]
    [InlineData("local", "b")]
    [InlineData("b", "b")]
    public void Admits_KindPresetOrPlatformName_IgnoringCase(string provider, string platform)
    {
        var model = Model();

        Assert.Equal([platform], model.Sources.Where(s => SourceFilter.Admits(s, provider)).Select(s => s.Platform.Name));
        Assert.True(SourceFilter.AdmitsAny(model, provider));
        Assert.Null(SourceFilter.Refuse(model, provider));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void NoFilter_AdmitsEverySource_AndEveryModel_EvenOneWithoutSources(string? provider)
    {
        var model = Model();
        var empty = new CatalogEntry { Id = "bare", DisplayName = "bare", Type = "chat", OwnedBy = "x" };

        Assert.All(model.Sources, s => Assert.True(SourceFilter.Admits(s, provider)));
        Assert.True(SourceFilter.AdmitsAny(empty, provider));
        Assert.Null(SourceFilter.Refuse(empty, provider));
    }

    [Fact]
    public void Refuse_NoSourceMatches_404NamingProviderAndModel()
    {
        var error = SourceFilter.Refuse(Model(), "gemini");

        Assert.NotNull(error);
        Assert.Equal(404, error.Status);
        Assert.Equal("provider_not_found", error.Code);
        Assert.Equal("provider", error.Param);
        Assert.Contains("'gemini'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'m'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WithFilter_TriesOnlyAdmittedSources_EvenWhenTheyAreCooling()
    {
        var model = Model();
        var states = new RoutingState(new ManualTimeProvider(Start));
        Fail(states, model, 200, new UpstreamError(UpstreamErrorKind.RateLimited, "slow down") { RetryAfter = TimeSpan.FromMinutes(1) });

        using var unfiltered = new AttemptPlan(states, 10);
        AttemptPlanner.Plan(model, unfiltered, null, out _);
        using var filtered = new AttemptPlan(states, 10);
        AttemptPlanner.Plan(model, filtered, null, out var soonest, provider: "local");

        Assert.Equal(["a"], unfiltered.Candidates.ToArray().Select(c => c.Source.Platform.Name));
        Assert.False(filtered.HasCandidates);
        Assert.True(soonest > 0, "the filtered plan reports when its only source is back");
    }
}
