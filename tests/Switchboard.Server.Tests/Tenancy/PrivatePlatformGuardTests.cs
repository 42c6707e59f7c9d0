using System.Net;
using Switchboard.Abstractions.Configuration;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>
/// A user's private platform chooses its own address, so its chat traffic passes the same SSRF guard as the probe:
/// loopback, private and metadata targets are refused at connect time in every spelling, unless allowlisted.
/// </summary>
public sealed class PrivatePlatformGuardTests
{
    // Nothing useful allowlisted: the fixture's fakes are reachable only by the operator's own (system) platforms.
    private static readonly Dictionary<string, string?> NoAllowList = new()
    {
        ["Switchboard:Probe:AllowList:0"] = "203.0.113.7:1",
        ["Switchboard:Probe:AllowList:1"] = "203.0.113.7:2",
    };

    public static TheoryData<string> LoopbackSpellings => new()
    {
        "127.0.0.1",
        "localhost",
        "2130706433",
        "0x7f000001",
        "0177.0.0.1",
        "127.1",
        "[::1]",
        "[::ffff:127.0.0.1]",
    };

    [Theory]
    [MemberData(nameof(LoopbackSpellings))]
    public async Task PrivatePlatform_OnLoopback_IsRefusedAndNothingReachesIt(string host)
    {
        await using var target = await FakeUpstream.StartAsync();
        await using var fixture = await TenancyFixture.StartAsync("multi-custom", NoAllowList);
        var (alice, _) = await fixture.UserClientAsync("alice");
        var (platformId, createError) = await fixture.Tenancy.CreatePlatformAsync(
            "alice", new PlatformConfig { Name = "inside", Kind = "openai", BaseUrl = $"http://{host}:{target.BaseUrl.Port}/v1" }, "sk-alice-inside-1234", CancellationToken.None);
        Assert.Null(createError);
        Assert.Null((await fixture.Tenancy.AddModelAsync("alice", new PlatformModelConfig { PlatformId = platformId!.Value, DisplayName = "inner", UpstreamModel = "inner" }, CancellationToken.None)).Error);

        var response = await TenancyFixture.ChatAsync(alice, "inner");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = await TenancyFixture.ErrorAsync(response);
        Assert.Contains("not allowed", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-alice-inside-1234", error.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task PrivatePlatform_StreamToLoopback_FailsBeforeTheFirstByte()
    {
        await using var target = await FakeUpstream.StartAsync();
        await using var fixture = await TenancyFixture.StartAsync("multi-custom", NoAllowList);
        var (alice, _) = await fixture.UserClientAsync("alice");
        var (platformId, _) = await fixture.Tenancy.CreatePlatformAsync(
            "alice", new PlatformConfig { Name = "inside", Kind = "openai", BaseUrl = $"{target.BaseUrl}v1" }, "sk-alice-inside-1234", CancellationToken.None);
        await fixture.Tenancy.AddModelAsync("alice", new PlatformModelConfig { PlatformId = platformId!.Value, DisplayName = "inner", UpstreamModel = "inner" }, CancellationToken.None);

        using var content = new StringContent("""{"model":"inner","stream":true,"messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json");
        var response = await alice.PostAsync("v1/chat/completions", content);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task SystemPlatformOnLoopback_StillWorks_AndAllowListedPrivateTargetIsReached()
    {
        // The operator's own platforms are trusted: the fixture's system platforms sit on loopback and are not allowlisted here.
        await using (var fixture = await TenancyFixture.StartAsync("multi-custom", NoAllowList))
        {
            var admin = fixture.AdminClient();
            Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(admin, "model-a")).StatusCode);
        }

        // An allowlisted address (an internal vLLM, say) is reachable from users' private platforms.
        await using var target = await FakeUpstream.StartAsync();
        target.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("inside"));
        await using var allowed = await TenancyFixture.StartAsync("multi-custom", new Dictionary<string, string?> { ["Switchboard:Probe:AllowList:0"] = target.BaseUrl.Authority });
        var (alice, _) = await allowed.UserClientAsync("alice");
        var (platformId, _) = await allowed.Tenancy.CreatePlatformAsync(
            "alice", new PlatformConfig { Name = "inside", Kind = "openai", BaseUrl = $"{target.BaseUrl}v1" }, "sk-alice-inside-1234", CancellationToken.None);
        await allowed.Tenancy.AddModelAsync("alice", new PlatformModelConfig { PlatformId = platformId!.Value, DisplayName = "inner", UpstreamModel = "inner" }, CancellationToken.None);

        var response = await TenancyFixture.ChatAsync(alice, "inner");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer sk-alice-inside-1234", target.LastRequest.Header("Authorization"));
    }
}
