using System.Net;
using Switchboard.Abstractions.Configuration;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>Each mode end to end over HTTP: what a user may do, and which key actually reached the fake upstream.</summary>
public sealed class TenancyModeTests
{
    [Fact]
    public async Task SingleMode_VirtualKeyUser_UsesServerKey()
    {
        await using var fixture = await TenancyFixture.StartAsync("single");
        var (client, _) = await fixture.UserClientAsync("alice");

        var response = await TenancyFixture.ChatAsync(client, "model-a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Bearer {TenancyFixture.ServerKeyA}", fixture.UpstreamA.LastRequest.Header("Authorization"));
        var error = await fixture.Tenancy.SetPlatformKeyAsync(TenancyFixture.User("alice"), fixture.PlatformId("alpha"), "sk-alice-own-1234", CancellationToken.None);
        Assert.Equal(403, error!.Status);
    }

    [Fact]
    public async Task MultiFixed_NoOwnKeyAndNoAutoKey_GetsNoApiKeyErrorAndUpstreamSeesNothing()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed");
        var (client, _) = await fixture.UserClientAsync("alice");

        var response = await TenancyFixture.ChatAsync(client, "model-a");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await TenancyFixture.ErrorAsync(response);
        Assert.Equal("no_api_key", error.GetProperty("code").GetString());
        Assert.Contains("No API key configured for platform 'alpha'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(fixture.UpstreamA.Requests);
    }

    [Fact]
    public async Task MultiFixed_OwnKey_WinsOverServerKeyEvenUnderAutoKey()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", new Dictionary<string, string?> { ["Switchboard:Tenancy:AutoKey"] = "true" });
        var (alice, _) = await fixture.UserClientAsync("alice");
        var (bob, _) = await fixture.UserClientAsync("bob");
        Assert.Null(await fixture.Tenancy.SetPlatformKeyAsync(TenancyFixture.User("alice"), fixture.PlatformId("alpha"), "sk-alice-own-1234", CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(alice, "model-a")).StatusCode);
        Assert.Equal("Bearer sk-alice-own-1234", fixture.UpstreamA.LastRequest.Header("Authorization"));

        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(bob, "model-a")).StatusCode);
        Assert.Equal($"Bearer {TenancyFixture.ServerKeyA}", fixture.UpstreamA.LastRequest.Header("Authorization"));
    }

    [Fact]
    public async Task MultiFixed_TierRuleAllowsServerKeys_WithoutAutoKey()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed");
        await fixture.SaveUserAsync("carol", tier: "pro");
        Assert.Null(await fixture.Tenancy.SetRuleAsync("pro", """{"server_keys": true}""", "test", CancellationToken.None));
        var (carol, _) = await fixture.UserClientAsync("carol");
        var (dave, _) = await fixture.UserClientAsync("dave");

        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(carol, "model-b")).StatusCode);
        Assert.Equal($"Bearer {TenancyFixture.ServerKeyB}", fixture.UpstreamB.LastRequest.Header("Authorization"));
        Assert.Equal(HttpStatusCode.Forbidden, (await TenancyFixture.ChatAsync(dave, "model-b")).StatusCode);
        Assert.Single(fixture.UpstreamB.Requests);
    }

    [Fact]
    public async Task MultiFixed_UserMayNotCreatePlatforms()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed");

        var (id, error) = await fixture.Tenancy.CreatePlatformAsync("alice", new PlatformConfig { Name = "mine", Kind = "openai", BaseUrl = "https://llm.example.com/v1" }, null, CancellationToken.None);

        Assert.Null(id);
        Assert.Equal(403, error!.Status);
        Assert.Contains("multi-custom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultiCustom_PrivatePlatform_UsesOwnersKeyAndIsInvisibleToOthers()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-custom");
        var (alice, _) = await fixture.UserClientAsync("alice");
        var (bob, _) = await fixture.UserClientAsync("bob");
        var (platformId, createError) = await fixture.Tenancy.CreatePlatformAsync(
            "alice", new PlatformConfig { Name = "mine", Kind = "openai", BaseUrl = $"{fixture.UpstreamB.BaseUrl}v1" }, "sk-alice-private-9876", CancellationToken.None);
        Assert.Null(createError);
        var (_, modelError) = await fixture.Tenancy.AddModelAsync("alice", new PlatformModelConfig { PlatformId = platformId!.Value, DisplayName = "my-model", UpstreamModel = "private-upstream" }, CancellationToken.None);
        Assert.Null(modelError);

        var response = await TenancyFixture.ChatAsync(alice, "my-model");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("from B:private-upstream", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Bearer sk-alice-private-9876", fixture.UpstreamB.LastRequest.Header("Authorization"));

        Assert.Equal(HttpStatusCode.NotFound, (await TenancyFixture.ChatAsync(bob, "my-model")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TenancyFixture.ChatAsync(bob, "mine/my-model")).StatusCode);
        var deleteByBob = await fixture.Tenancy.DeletePlatformAsync("bob", platformId.Value, CancellationToken.None);
        var deleteMissing = await fixture.Tenancy.DeletePlatformAsync("bob", 999_999, CancellationToken.None);
        Assert.Equal(404, deleteByBob!.Status);
        Assert.Equal(deleteMissing!.Message.Replace("999999", "", StringComparison.Ordinal), deleteByBob.Message.Replace(platformId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "", StringComparison.Ordinal));

        // The rename re-seals the key under the new name, so the platform keeps working.
        Assert.Null((await fixture.Tenancy.UpdatePlatformAsync("alice", platformId.Value, p => p with { Name = "renamed" }, null, CancellationToken.None)).Error);
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(alice, "renamed/my-model")).StatusCode);
        Assert.Equal("Bearer sk-alice-private-9876", fixture.UpstreamB.LastRequest.Header("Authorization"));

        Assert.Null(await fixture.Tenancy.DeletePlatformAsync("alice", platformId.Value, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await TenancyFixture.ChatAsync(alice, "my-model")).StatusCode);
    }

    [Fact]
    public async Task ModelsList_ShowsOnlyWhatTheCallerMayUse()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed");
        Assert.Null(await fixture.Tenancy.SetRuleAsync("free", """{"models": ["model-a"]}""", "test", CancellationToken.None));
        var (alice, _) = await fixture.UserClientAsync("alice");

        var listing = await alice.GetStringAsync("v1/models");

        Assert.Contains("\"model-a\"", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("\"model-b\"", listing, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("v1/models/model-b")).StatusCode);
        var denied = await TenancyFixture.ChatAsync(alice, "model-b");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("model_not_allowed", (await TenancyFixture.ErrorAsync(denied)).GetProperty("code").GetString());
    }
}
