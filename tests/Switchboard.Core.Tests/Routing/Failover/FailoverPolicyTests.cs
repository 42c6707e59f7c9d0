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

        Assert.Equal(new FailoverVerdict(FailoverAction.NextKey, FailureScope.KeyModel, TimeSpan.FromSeconds(30), WholeKey: false), verdict);
    }

    [Fact]
    public void Judge_AccountWideRateLimit_CoolsTheWholeKey()
    {
        var verdict = Policy.Judge(new UpstreamError(UpstreamErrorKind.RateLimited, "slow") { RetryAfter = TimeSpan.FromSeconds(30), AccountWide = true });

        Assert.Equal(new FailoverVerdict(FailoverAction.NextKey, FailureScope.Key, TimeSpan.FromSeconds(30), WholeKey: true), verdict);
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

        Assert.Equal(new FailoverVerdict(FailoverAction.NextKey, FailureScope.KeyModel, RoutingOptions.Default.RejectedKeyCooldown, false), Policy.Judge(forbidden));
        Assert.Equal(FailureScope.InvalidKey, Policy.Judge(forbidden with { AccountWide = true }).Blame);
    }

    [Fact]
    public void Judge_NoQuota_CoolsTheWholeKey()
    {
        var verdict = Policy.Judge(new UpstreamError(UpstreamErrorKind.InsufficientQuota, "no balance") { UpstreamStatus = 402 });

        Assert.Equal(new FailoverVerdict(FailoverAction.NextKey, FailureScope.Key, RoutingOptions.Default.RejectedKeyCooldown, true), verdict);
    }

    [Fact]
    public void Judge_OverloadedWithRetryAfter_BlamesTheSourceAndCoolsThePair()
    {
        var verdict = Policy.Judge(new UpstreamError(UpstreamErrorKind.Overloaded, "busy") { RetryAfter = TimeSpan.FromSeconds(7) });

        Assert.Equal(new FailoverVerdict(FailoverAction.NextSource, FailureScope.Source, TimeSpan.FromSeconds(7), false), verdict);
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

    /// <summary>Gets the failover table: where each kind of failure goes when the upstream cannot have processed the request.</summary>
    public static TheoryData<UpstreamErrorKind, string> Table => new()
    {
        { UpstreamErrorKind.ServerError, "NextSource" },
        { UpstreamErrorKind.Overloaded, "NextSource" },
        { UpstreamErrorKind.Timeout, "NextSource" },
        { UpstreamErrorKind.Connection, "NextSource" },
        { UpstreamErrorKind.MalformedResponse, "NextSource" },
        { UpstreamErrorKind.RateLimited, "NextKey" },
        { UpstreamErrorKind.Authentication, "NextKey" },
        { UpstreamErrorKind.PermissionDenied, "NextKey" },
        { UpstreamErrorKind.InsufficientQuota, "NextKey" },
        { UpstreamErrorKind.ResponseTooLarge, "NextKey" },
        { UpstreamErrorKind.InvalidRequest, "Stop" },
        { UpstreamErrorKind.NotFound, "Stop" },
        { UpstreamErrorKind.RequestTooLarge, "Stop" },
        { UpstreamErrorKind.ContentFiltered, "Stop" },
        { UpstreamErrorKind.UnknownOutcome, "Stop" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Classify_EachKind_WhetherOrNotAccountWide_GoesWhereTheTableSays(UpstreamErrorKind kind, string action)
    {
        // The action travels by name: FailoverAction is internal and a public test method cannot take it.
        var expected = Enum.Parse<FailoverAction>(action);
        var error = new UpstreamError(kind, "failed");

        Assert.Equal(expected, FailoverPolicy.Classify(error));
        Assert.Equal(expected, FailoverPolicy.Classify(error with { AccountWide = true }));
        Assert.Equal(expected, Policy.Judge(error).Action);
        Assert.Equal(expected, Policy.Judge(error with { AccountWide = true }).Action);
    }

    [Fact]
    public void Classify_EveryKindTheUpstreamMayHaveProcessed_Stops()
    {
        foreach (var kind in Enum.GetValues<UpstreamErrorKind>())
        {
            foreach (var accountWide in new[] { false, true })
            {
                var error = new UpstreamError(kind, "failed") { MayHaveProcessed = true, AccountWide = accountWide };

                Assert.Equal(FailoverAction.Stop, FailoverPolicy.Classify(error));
                Assert.False(Policy.Judge(error).MayRetry);
            }
        }
    }

    [Fact]
    public void Classify_TheTableCoversEveryKind()
    {
        // A kind added to UpstreamErrorKind without a row in the table would silently stop; this test names it instead.
        var covered = Table.Select(row => (UpstreamErrorKind)row[0]);

        Assert.Empty(Enum.GetValues<UpstreamErrorKind>().Except(covered));
    }
}
