using System.Net;
using System.Text.RegularExpressions;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>Checks users' private platforms and models (multi-custom mode) and that one user cannot see or touch another's.</summary>
public sealed partial class ClassicPlatformTests : AdminTenancyTestBase
{
    [Fact]
    public async Task PrivatePlatform_CreateAddModelSelectChatUpdateDelete()
    {
        await Admin.SetModeAsync("multi-custom");
        using var alice = await Host.UserClientAsync(Admin, "pp_alice");

        var created = (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { name = "mine", kind = "demo", base_url = "https://mine.switchboard.invalid/" }))
            .AssertStatus(HttpStatusCode.Created).Json;
        var platformId = created.GetProperty("id").GetInt64();
        Assert.Equal("mine", created.GetProperty("name").GetString());
        Assert.Equal("demo", created.GetProperty("kind").GetString());
        Assert.Equal("https://mine.switchboard.invalid", created.GetProperty("base_url").GetString());

        var model = (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{platformId}/models", new { model_name = "demo", display_name = "my-demo", extra_body = new { temperature = 0.1 } }))
            .AssertStatus(HttpStatusCode.Created).Json;
        var modelId = model.GetProperty("id").GetInt64();
        Assert.Equal(platformId, model.GetProperty("platform_id").GetInt64());

        var mine = (await alice.GetJsonAsync("api/ai/platform-models")).Json.GetProperty("data").Find("display_name", "my-demo");
        Assert.False(mine.GetProperty("platform_is_sys").GetBoolean());
        Assert.Equal(platformId, mine.GetProperty("platform_id").GetInt64());
        Assert.Equal(modelId, mine.GetProperty("model_id").GetInt64());

        var selected = (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new { platform_id = platformId, model_id = modelId })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal("mine", selected.GetProperty("platform").GetString());
        Assert.False(selected.GetProperty("platform_is_sys").GetBoolean());
        (await alice.ChatAsync("slot:main")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("mine", (await Host.LastUsageAsync("pp_alice")).Platform);

        var renamedModel = (await alice.SendJsonAsync(HttpMethod.Put, $"api/ai/model/{modelId}", new { display_name = "my-demo-2" })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal("my-demo-2", renamedModel.GetProperty("display_name").GetString());
        Assert.Equal("demo", renamedModel.GetProperty("model_name").GetString());
        var renamed = (await alice.SendJsonAsync(HttpMethod.Put, $"api/ai/platform/{platformId}", new { name = "mine-2" })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal("mine-2", renamed.GetProperty("name").GetString());
        Assert.Equal("https://mine.switchboard.invalid", renamed.GetProperty("base_url").GetString());
        var listed = (await alice.GetJsonAsync("api/ai/platform-models")).Json.GetProperty("data").Find("display_name", "my-demo-2");
        Assert.Equal("mine-2", listed.GetProperty("platform_name").GetString());

        // Duplicates and bad values are client errors.
        (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { name = "mine-2", kind = "demo", base_url = "https://x.invalid" })).AssertError(HttpStatusCode.Conflict);
        (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { name = "x", base_url = "ftp://x.invalid" })).AssertError(HttpStatusCode.BadRequest, param: "base_url");
        (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { name = "x", kind = "telepathy", base_url = "https://x.invalid" })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "kind");
        (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { name = "x", preset = "nope" })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "preset");
        (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { base_url = "https://x.invalid" })).AssertError(HttpStatusCode.BadRequest, "missing_field", "name");
        (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{platformId}/models", new { display_name = "no-upstream" })).AssertError(HttpStatusCode.BadRequest, "missing_field", "model_name");
        (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{platformId}/models", new { model_name = "m", extra_body = "text" })).AssertError(HttpStatusCode.BadRequest, param: "extra_body");

        (await alice.SendJsonAsync(HttpMethod.Delete, $"api/ai/model/{modelId}")).AssertStatus(HttpStatusCode.OK);
        (await alice.SendJsonAsync(HttpMethod.Delete, $"api/ai/model/{modelId}")).AssertError(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain("my-demo-2", (await alice.GetJsonAsync("api/ai/platform-models")).Raw);
        (await alice.SendJsonAsync(HttpMethod.Delete, $"api/ai/platform/{platformId}")).AssertStatus(HttpStatusCode.OK);
        (await alice.SendJsonAsync(HttpMethod.Delete, $"api/ai/platform/{platformId}")).AssertError(HttpStatusCode.NotFound, "not_found");

        // The slot that named the deleted model is repaired back to an allowed default.
        var repaired = (await alice.GetJsonAsync("api/ai/user-selection")).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal("demo", repaired.GetProperty("model").GetString());
    }

    [Fact]
    public async Task AnotherUsersPlatform_IsNotFound_ExactlyLikeAMissingId()
    {
        await Admin.SetModeAsync("multi-custom");
        const string secret = "sk-alice-private-platform-key-987654321";
        using var alice = await Host.UserClientAsync(Admin, "iso_alice");
        using var bob = await Host.UserClientAsync(Admin, "iso_bob");
        var platformId = (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { name = "alice-only", kind = "demo", base_url = "https://alice.switchboard.invalid", api_key = secret }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();
        var modelId = (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{platformId}/models", new { model_name = "demo", display_name = "alice-model" }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();
        const long missingPlatform = 987654;
        const long missingModel = 876543;

        var probes = new (HttpMethod Method, string Path, object? Body, string Missing)[]
        {
            (HttpMethod.Put, $"api/ai/platform/{platformId}", new { name = "stolen" }, $"api/ai/platform/{missingPlatform}"),
            (HttpMethod.Delete, $"api/ai/platform/{platformId}", null, $"api/ai/platform/{missingPlatform}"),
            (HttpMethod.Post, $"api/ai/platform/{platformId}/api-key", new { api_key = "sk-bob-key-1234567890" }, $"api/ai/platform/{missingPlatform}/api-key"),
            (HttpMethod.Post, $"api/ai/platform/{platformId}/models", new { model_name = "m", display_name = "m" }, $"api/ai/platform/{missingPlatform}/models"),
            (HttpMethod.Post, $"api/ai/platform/{platformId}/visibility", new { hide = true }, $"api/ai/platform/{missingPlatform}/visibility"),
            (HttpMethod.Put, $"api/ai/model/{modelId}", new { display_name = "stolen" }, $"api/ai/model/{missingModel}"),
            (HttpMethod.Delete, $"api/ai/model/{modelId}", null, $"api/ai/model/{missingModel}"),
        };
        foreach (var (method, path, body, missing) in probes)
        {
            var foreign = (await bob.SendJsonAsync(method, path, body)).AssertError(HttpStatusCode.NotFound, "not_found");
            var absent = (await bob.SendJsonAsync(method, missing, body)).AssertError(HttpStatusCode.NotFound, "not_found");
            Assert.Equal(WithoutIds(absent.Raw), WithoutIds(foreign.Raw));
            Assert.DoesNotContain("alice", foreign.Raw, StringComparison.OrdinalIgnoreCase);
        }

        (await bob.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new { platform_id = platformId, model_id = modelId })).AssertError(HttpStatusCode.NotFound);
        (await bob.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new { model = "alice-model" })).AssertError(HttpStatusCode.NotFound, "model_not_found");
        Assert.DoesNotContain("alice-only", (await bob.GetJsonAsync("api/ai/platform-models")).Raw);
        (await bob.ChatAsync("alice-model")).AssertError(HttpStatusCode.NotFound, "model_not_found");

        // Nothing of alice's changed, and her key was never shown.
        var hers = await alice.GetJsonAsync("api/ai/platform-models");
        var entry = hers.Json.GetProperty("data").Find("display_name", "alice-model");
        Assert.Equal("alice-only", entry.GetProperty("platform_name").GetString());
        Assert.False(entry.GetProperty("platform_hide").GetBoolean());
        Assert.DoesNotContain(secret, hers.Raw);
        (await alice.ChatAsync("alice-model")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PrivatePlatforms_NeedMultiCustomMode()
    {
        await Admin.SetModeAsync("multi-fixed");
        using var user = await Host.UserClientAsync(Admin, "mode_user");
        (await user.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { name = "p", kind = "demo", base_url = "https://p.invalid" })).AssertError(HttpStatusCode.Forbidden, "forbidden");

        // In single mode every key acts as the system user: a plain user key must not create or delete system platforms.
        await Admin.SetModeAsync("single");
        using var single = await Host.UserClientAsync(Admin, "single_user");
        (await single.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { name = "p", kind = "demo", base_url = "https://p.invalid" })).AssertError(HttpStatusCode.Forbidden, "forbidden");
        var demoId = (await single.GetJsonAsync("api/ai/platform-models")).Json.GetProperty("data").Find("display_name", "demo").GetProperty("platform_id").GetInt64();
        (await single.SendJsonAsync(HttpMethod.Delete, $"api/ai/platform/{demoId}")).AssertError(HttpStatusCode.Forbidden, "forbidden");
        (await single.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{demoId}/models", new { model_name = "x" })).AssertError(HttpStatusCode.Forbidden, "forbidden");
        (await single.ChatAsync("demo")).AssertStatus(HttpStatusCode.OK);
    }

    private static string WithoutIds(string body) => Digits().Replace(body, "#");

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
