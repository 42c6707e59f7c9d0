using Switchboard.Abstractions.Chat;
using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Failover;

namespace Switchboard.Core.Tests.Routing.Failover;

/// <summary>Checks the failover decision in isolation: what each failure blames, the cooldown applied and whether it is retried.</summary>
public sealed class FailoverPolicyTests
{
    private static readonly FailoverPolicy Policy = new(RoutingOptions.Default);

    [Fact]
    public void Judge_RateLimit_CoolsThePairForTheRetryAfter()
    {
        var verdict = Policy.Judge(new UpstreamError(UpstreamErrorKind.RateLimited, "slow") { RetryAfter = TimeSpan.FromSeconds(30) });

        Assert.Equal(new FailoverVerdict(FailureScope.KeyModel, TimeSpan.FromSeconds(30), WholeKey: false, MayRetry: true), verdict);
    }

    [Fact]
    public void Judge_AccountWideRateLimit_CoolsTheWholeKey()
    {
        var verdict = Policy.Judge(new UpstreamError(UpstreamErrorKind.RateLimited, "slow") { RetryAfter = TimeSpan.FromSeconds(30), AccountWide = true });

        Assert.Equal(new FailoverVerdict(FailureScope.Key, TimeSpan.FromSeconds(30), WholeKey: true, MayRetry: true), verdict);
    }

    [Theory]
    [InlineData(86_400)]
    [InlineData(301)]
    public void Judge_RetryAfterBeyondTheCap_AppliesTheCap(int seconds)
    {
        var verdict = Policy.Judge(new UpstreamError(UpstreamErrorKind.RateLimited, "slow") { RetryAfter = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(RoutingOptions.Default.MaxRetryAfter, verdict.Cooldown);
    }

    [Fact]
    public void Judge_RateLimitWithoutRetryAfter_AppliesTheDefault()
    {
        Assert.Equal(RoutingOptions.Default.DefaultRateLimitCooldown, Policy.Judge(new UpstreamError(UpstreamErrorKind.RateLimited, "slow")).Cooldown);
    }

    [Fact]
    public void Judge_Unauthorized_MarksTheKeyInvalid()
    {
        var verdict = Policy.Judge(new UpstreamError(UpstreamErrorKind.Authentication, "bad key") { UpstreamStatus = 401 });

        Assert.Equal(FailureScope.InvalidKey, verdict.Blame);
        Assert.Null(verdict.Cooldown);
        Assert.True(verdict.MayRetry);
        Assert.Equal("key_invalid", verdict.BlameName);
    }

    [Fact]
    public void Judge_Forbidden_CoolsOnlyThePairUnlessTheProviderSaysTheWholeAccount()
    {
        var forbidden = new UpstreamError(UpstreamErrorKind.PermissionDenied, "no access to this model") { UpstreamStatus = 403 };

        Assert.Equal(new FailoverVerdict(FailureScope.KeyModel, RoutingOptions.Default.RejectedKeyCooldown, false, true), Policy.Judge(forbidden));
        Assert.Equal(FailureScope.InvalidKey, Policy.Judge(forbidden with { AccountWide = true }).Blame);
    }

    [Fact]
    public void Judge_NoQuota_CoolsTheWholeKey()
    {
        var verdict = Policy.Judge(new UpstreamError(UpstreamErrorKind.InsufficientQuota, "no balance") { UpstreamStatus = 402 });

        Assert.Equal(new FailoverVerdict(FailureScope.Key, RoutingOptions.Default.RejectedKeyCooldown, true, true), verdict);
    }

    [Fact]
    public void Judge_OverloadedWithRetryAfter_BlamesTheSourceAndCoolsThePair()
    {
        var verdict = Policy.Judge(new UpstreamError(UpstreamErrorKind.Overloaded, "busy") { RetryAfter = TimeSpan.FromSeconds(7) });

        Assert.Equal(new FailoverVerdict(FailureScope.Source, TimeSpan.FromSeconds(7), false, true), verdict);
        Assert.True(verdict.LeavesSource);
    }

    [Theory]
    [InlineData(UpstreamErrorKind.InvalidRequest)]
    [InlineData(UpstreamErrorKind.ContentFiltered)]
    [InlineData(UpstreamErrorKind.NotFound)]
    public void Judge_ClientSideFailure_BlamesNothingAndIsNotRetried(UpstreamErrorKind kind)
    {
        Assert.Equal(FailoverVerdict.Final, Policy.Judge(new UpstreamError(kind, "no")));
    }

    [Fact]
    public void AsApplied_TellsTheClientTheCooldownApplied()
    {
        var error = new UpstreamError(UpstreamErrorKind.RateLimited, "slow") { RetryAfter = TimeSpan.FromDays(1) };

        var shown = FailoverPolicy.AsApplied(error, Policy.Judge(error));

        Assert.Equal(RoutingOptions.Default.MaxRetryAfter, shown.RetryAfter);
    }
}
