using System.Net;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>
/// A stored key was given for one host: a base URL that moves to another host never takes it along, through the admin
/// routes, the user routes or the platforms-file reset. Fake A is the old host, fake B the new one; what each fake
/// recorded in <c>Authorization</c> is the proof.
/// </summary>
public sealed class KeyHostTests
{
    private const string NewHostKey = "sk-new-host-key-0123456789";
    private const string AliceKey = "sk-alice-own-key-for-alpha-4321";

    [Fact]
    public async Task SysPlatform_NewHostWithoutKey_Is400_AndCallsStillGoToTheOldHostWithTheOldKey()
    {
        await using var fixture = await TenancyFixture.StartAsync("single");
        using var admin = fixture.AdminClient();

        var refused = await admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { name = "alpha", base_url = $"{fixture.UpstreamB.BaseUrl}v1" });

        refused.AssertError(HttpStatusCode.BadRequest, "api_key_required_for_new_host", "api_key");
        Assert.Equal("invalid_request_error", refused.Json.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain(TenancyFixture.ServerKeyA, refused.Raw, StringComparison.Ordinal);
        var alpha = (await admin.GetJsonAsync("api/ai/admin/sys-platforms")).Json.GetProperty("data").Find("name", "alpha");
        Assert.Equal($"{fixture.UpstreamA.BaseUrl}v1", alpha.GetProperty("base_url").GetString());
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(admin, "model-a")).StatusCode);
        Assert.Equal("Bearer " + TenancyFixture.ServerKeyA, fixture.UpstreamA.LastRequest.Header("Authorization"));
        Assert.Empty(fixture.UpstreamB.Requests);
    }

    [Fact]
    public async Task SysPlatform_NewHostWithNewKey_NewHostSeesOnlyTheNewKey_AndUsersOwnKeysAreDropped()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed");
        using var admin = fixture.AdminClient();
        var (alice, _) = await fixture.UserClientAsync("alice");
        var alphaId = fixture.PlatformId("alpha");
        (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{alphaId}/api-key", new { api_key = AliceKey })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(alice, "model-a")).StatusCode);
        Assert.Equal("Bearer " + AliceKey, fixture.UpstreamA.LastRequest.Header("Authorization"));

        var moved = await admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { id = alphaId, base_url = $"{fixture.UpstreamB.BaseUrl}v1", api_key = NewHostKey });

        moved.AssertStatus(HttpStatusCode.OK);
        Assert.Equal($"{fixture.UpstreamB.BaseUrl}v1", moved.Json.GetProperty("base_url").GetString());
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(admin, "model-a")).StatusCode);
        // Alice's key was given for the old host: it is gone, and without AutoKey she has no key for the platform now.
        var aliceAfter = await TenancyFixture.ChatAsync(alice, "model-a");
        Assert.Equal(HttpStatusCode.Forbidden, aliceAfter.StatusCode);
        Assert.Equal("no_api_key", (await TenancyFixture.ErrorAsync(aliceAfter)).GetProperty("code").GetString());
        var seen = fixture.UpstreamB.Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).Select(r => r.Header("Authorization")).ToList();
        Assert.Equal(["Bearer " + NewHostKey], seen);
        Assert.DoesNotContain(fixture.UpstreamB.Requests, r => r.Header("Authorization") is { } auth
            && (auth.Contains(TenancyFixture.ServerKeyA, StringComparison.Ordinal) || auth.Contains(AliceKey, StringComparison.Ordinal)));

        // The pool is the new key alone.
        var keys = (await admin.GetJsonAsync("api/ai/admin/sys-platforms")).Json.GetProperty("data").Find("name", "alpha").GetProperty("keys");
        Assert.Equal(1, keys.GetArrayLength());
        Assert.EndsWith("6789", keys[0].GetProperty("masked").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SysPlatform_PathChangeOnTheSameHost_KeepsTheKeys()
    {
        await using var fixture = await TenancyFixture.StartAsync("single");
        using var admin = fixture.AdminClient();
        // The same origin spelled differently (upper-case scheme) with another path: not a new host.
        var sameOrigin = $"HTTP://{fixture.UpstreamA.BaseUrl.Authority}/alt/v1";

        (await admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { name = "alpha", base_url = sameOrigin })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(admin, "model-a")).StatusCode);
        Assert.Equal("/alt/v1/chat/completions", fixture.UpstreamA.LastRequest.Path);
        Assert.Equal("Bearer " + TenancyFixture.ServerKeyA, fixture.UpstreamA.LastRequest.Header("Authorization"));
    }

    [Fact]
    public async Task PrivatePlatform_SameRule_ForTheUsersOwnPlatform()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-custom");
        var (alice, _) = await fixture.UserClientAsync("alice");
        const string oldKey = "sk-alice-private-old-1111";
        const string newKey = "sk-alice-private-new-2222";
        var created = (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new
        {
            name = "mine",
            kind = "openai",
            base_url = $"{fixture.UpstreamA.BaseUrl}v1",
            api_key = oldKey,
            models = new Dictionary<string, string> { ["my-model"] = "mine-upstream" },
        })).AssertStatus(HttpStatusCode.Created);
        var id = created.Json.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(alice, "my-model")).StatusCode);

        (await alice.SendJsonAsync(HttpMethod.Put, $"api/ai/platform/{id}", new { base_url = $"{fixture.UpstreamB.BaseUrl}v1" }))
            .AssertError(HttpStatusCode.BadRequest, "api_key_required_for_new_host", "api_key");
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(alice, "my-model")).StatusCode);
        Assert.Equal("Bearer " + oldKey, fixture.UpstreamA.LastRequest.Header("Authorization"));
        Assert.Empty(fixture.UpstreamB.Requests);

        (await alice.SendJsonAsync(HttpMethod.Put, $"api/ai/platform/{id}", new { base_url = $"{fixture.UpstreamB.BaseUrl}v1", api_key = newKey }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(alice, "my-model")).StatusCode);
        Assert.Equal(["Bearer " + newKey], fixture.UpstreamB.Requests.Select(r => r.Header("Authorization")));

        // A private platform holds one key.
        (await alice.SendJsonAsync(HttpMethod.Put, $"api/ai/platform/{id}", new { api_keys = new[] { "sk-one-0000000000", "sk-two-0000000000" } }))
            .AssertError(HttpStatusCode.BadRequest, "invalid_value", "api_keys");
    }

    [Fact]
    public async Task PrivatePlatform_PresetChangeThatMovesTheHost_NeedsTheKeyToo()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-custom");
        var (alice, _) = await fixture.UserClientAsync("alice");
        var id = (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { name = "vendor", preset = "deepseek", api_key = "sk-deepseek-alice-3333" }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();

        // The base URL came from the preset, so it follows the new preset, to another vendor's host.
        (await alice.SendJsonAsync(HttpMethod.Put, $"api/ai/platform/{id}", new { preset = "moonshot" }))
            .AssertError(HttpStatusCode.BadRequest, "api_key_required_for_new_host", "api_key");
        var moved = (await alice.SendJsonAsync(HttpMethod.Put, $"api/ai/platform/{id}", new { preset = "moonshot", api_key = "sk-moonshot-alice-4444" }))
            .AssertStatus(HttpStatusCode.OK).Json;

        Assert.Equal("moonshot", moved.GetProperty("preset").GetString());
        Assert.DoesNotContain("deepseek", moved.GetProperty("base_url").GetString(), StringComparison.OrdinalIgnoreCase);
        // A kind change alone keeps the host, so it keeps the key.
        (await alice.SendJsonAsync(HttpMethod.Put, $"api/ai/platform/{id}", new { kind = "anthropic" })).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ResetFromYaml_MovedHost_TakesTheFilesKey_AndTheNewHostNeverSeesAnOldKey()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed");
        using var admin = fixture.AdminClient();
        var (alice, _) = await fixture.UserClientAsync("alice");
        (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{fixture.PlatformId("alpha")}/api-key", new { api_key = AliceKey })).AssertStatus(HttpStatusCode.OK);
        (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{fixture.PlatformId("beta")}/api-key", new { api_key = "sk-alice-own-key-for-beta-8765" })).AssertStatus(HttpStatusCode.OK);
        const string fileKey = "sk-from-the-file-for-b-9999";
        await File.WriteAllTextAsync(Path.Combine(fixture.Host.DataDirectory, "platforms.yaml"), $$"""
            platforms:
              alpha:
                kind: openai
                base_url: {{fixture.UpstreamB.BaseUrl}}v1
                api_key: {{fileKey}}
                models: { model-a: upstream-a }
              beta:
                kind: openai
                base_url: {{fixture.UpstreamB.BaseUrl}}v2
                api_key: {{TenancyFixture.ServerKeyB}}
                models: { model-b: upstream-b }
            """);

        var reset = (await admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/reload-from-yaml")).AssertStatus(HttpStatusCode.OK).Json;

        Assert.Equal(["alpha"], reset.GetProperty("hosts_changed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, reset.GetProperty("users_keys_dropped").GetInt32());
        fixture.UpstreamB.Reset();
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(admin, "model-a")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TenancyFixture.ChatAsync(alice, "model-a")).StatusCode);
        // Beta only changed its path: alice's own key for it stays and is used.
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(alice, "model-b")).StatusCode);
        Assert.Equal(
            ["Bearer " + fileKey, "Bearer sk-alice-own-key-for-beta-8765"],
            fixture.UpstreamB.Requests.Select(r => r.Header("Authorization")));
        Assert.Equal("/v2/chat/completions", fixture.UpstreamB.LastRequest.Path);
    }
}
