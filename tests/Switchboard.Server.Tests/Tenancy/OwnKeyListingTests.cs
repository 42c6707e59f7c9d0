using System.Net;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>A user's own upstream keys and private platforms are listed masked, to the user and to admins, and to no one else.</summary>
public sealed class OwnKeyListingTests : AdminTenancyTestBase
{
    protected override string? Mode => "multi-custom";

    [Fact]
    public async Task OwnKeys_AreListedMasked_ForTheUserAndTheAdmin_NeverForAnotherUser()
    {
        const string ownSecret = "sk-own-key-for-keyed-platform-24680";
        const string privateSecret = "sk-private-platform-key-13579-abcdef";
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/ok_alice", new { tier = "free" })).AssertStatus(HttpStatusCode.Created);
        using var alice = await Host.UserClientAsync(Admin, "ok_alice");
        using var bob = await Host.UserClientAsync(Admin, "ok_bob");
        var keyedId = (await alice.GetJsonAsync("api/ai/platform-models")).Json.GetProperty("data").Find("platform_name", "keyed").GetProperty("platform_id").GetInt64();
        Assert.Empty((await alice.GetJsonAsync("api/ai/platform-keys")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data").EnumerateArray());

        (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{keyedId}/api-key", new { api_key = ownSecret })).AssertStatus(HttpStatusCode.OK);
        var privateId = (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { name = "alice-box", kind = "demo", base_url = "https://alice-box.switchboard.invalid", api_key = privateSecret }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();
        (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{privateId}/models", new { model_name = "demo", display_name = "alice-demo" })).AssertStatus(HttpStatusCode.Created);

        var own = (await alice.GetJsonAsync("api/ai/platform-keys")).AssertStatus(HttpStatusCode.OK);
        var asAdmin = (await Admin.GetJsonAsync("api/admin/users/ok_alice/platform-keys")).AssertStatus(HttpStatusCode.OK);
        foreach (var listing in new[] { own, asAdmin })
        {
            var data = listing.Json.GetProperty("data");
            Assert.Equal(2, data.GetArrayLength());
            var system = data[0];
            Assert.Equal((keyedId, "keyed", true), (system.GetProperty("platform_id").GetInt64(), system.GetProperty("platform_name").GetString(), system.GetProperty("platform_is_sys").GetBoolean()));
            Assert.StartsWith("sk-o", system.GetProperty("masked").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("4680", system.GetProperty("masked").GetString(), StringComparison.Ordinal);
            var mine = data[1];
            Assert.Equal((privateId, "alice-box", false), (mine.GetProperty("platform_id").GetInt64(), mine.GetProperty("platform_name").GetString(), mine.GetProperty("platform_is_sys").GetBoolean()));
            Assert.EndsWith("cdef", mine.GetProperty("masked").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(ownSecret, listing.Raw, StringComparison.Ordinal);
            Assert.DoesNotContain(privateSecret, listing.Raw, StringComparison.Ordinal);
        }

        // Another user sees only their own (none), and may not read the admin route.
        Assert.Empty((await bob.GetJsonAsync("api/ai/platform-keys")).Json.GetProperty("data").EnumerateArray());
        (await bob.GetJsonAsync("api/admin/users/ok_alice/platform-keys")).AssertError(HttpStatusCode.Forbidden, "forbidden");

        var platforms = (await Admin.GetJsonAsync("api/admin/users/ok_alice/platforms")).AssertStatus(HttpStatusCode.OK);
        var box = Assert.Single(platforms.Json.GetProperty("data").EnumerateArray());
        Assert.Equal(("alice-box", "demo"), (box.GetProperty("name").GetString(), box.GetProperty("kind").GetString()));
        Assert.Equal("alice-demo", Assert.Single(box.GetProperty("models").EnumerateArray()).GetProperty("display_name").GetString());
        Assert.DoesNotContain(privateSecret, platforms.Raw, StringComparison.Ordinal);

        // Removing the own key removes it from the listing.
        (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{keyedId}/api-key", new { api_key = "" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("alice-box", Assert.Single((await alice.GetJsonAsync("api/ai/platform-keys")).Json.GetProperty("data").EnumerateArray()).GetProperty("platform_name").GetString());
    }

    [Fact]
    public async Task UnknownUser_Is404OnBothAdminListings()
    {
        (await Admin.GetJsonAsync("api/admin/users/nobody-here/platform-keys")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await Admin.GetJsonAsync("api/admin/users/nobody-here/platforms")).AssertError(HttpStatusCode.NotFound, "not_found");
    }
}
