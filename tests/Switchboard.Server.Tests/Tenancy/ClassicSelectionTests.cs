using System.Net;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>Checks the classic usage-slot routes (<c>/api/ai/user-selection</c>) and the classic platform-model listing.</summary>
public sealed class ClassicSelectionTests : AdminTenancyTestBase
{
    protected override string? Mode => "multi-fixed";

    [Fact]
    public async Task Get_ShowsTheSlotAtTopLevel_AndEverySlotInUsageSelections()
    {
        using var alice = await Host.UserClientAsync(Admin, "sel_get");

        var fast = (await alice.GetJsonAsync("api/ai/user-selection?usage_key=fast")).AssertStatus(HttpStatusCode.OK).Json;

        Assert.Equal("fast", fast.GetProperty("usage_key").GetString());
        Assert.Equal("Fast model", fast.GetProperty("usage_label").GetString());
        Assert.Equal("demo", fast.GetProperty("model").GetString());
        Assert.Equal("demo", fast.GetProperty("platform").GetString());
        Assert.True(fast.GetProperty("platform_id").GetInt64() > 0);
        Assert.True(fast.GetProperty("platform_is_sys").GetBoolean());
        Assert.StartsWith("https://demo.switchboard.invalid", fast.GetProperty("base_url").GetString());
        Assert.Equal("demo", fast.GetProperty("model_display_name").GetString());
        Assert.True(fast.GetProperty("model_id").GetInt64() > 0);
        Assert.Equal("demo", fast.GetProperty("model_name").GetString());
        Assert.True(fast.GetProperty("api_key_set").GetBoolean());
        Assert.Equal(JsonValueKind.Null, fast.GetProperty("error").ValueKind);
        var slots = fast.GetProperty("usage_selections");
        Assert.Equal(new[] { "main", "fast", "reason" }, slots.EnumerateArray().Select(s => s.GetProperty("usage_key").GetString()!).ToArray());
        foreach (var slot in slots.EnumerateArray())
        {
            Assert.Equal("demo", slot.GetProperty("model").GetString());
            Assert.True(slot.TryGetProperty("usage_label", out _));
            Assert.True(slot.TryGetProperty("api_key_set", out _));
        }

        // Without usage_key the main slot is shown.
        Assert.Equal("main", (await alice.GetJsonAsync("api/ai/user-selection")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("usage_key").GetString());
        (await alice.GetJsonAsync("api/ai/user-selection?usage_key=nope")).AssertError(HttpStatusCode.NotFound, "slot_not_found", "usage_key");
    }

    [Fact]
    public async Task Post_ChangesTheModelTheNextChatRequestUses()
    {
        using var bob = await Host.UserClientAsync(Admin, "sel_post");
        (await bob.ChatAsync("slot:main")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("demo", (await Host.LastUsageAsync("sel_post")).CatalogModel);

        var saved = (await bob.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new { model = "demo-alt" })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal("main", saved.GetProperty("usage_key").GetString());
        Assert.Equal("demo-alt", saved.GetProperty("model").GetString());
        Assert.Equal("alt", saved.GetProperty("platform").GetString());
        Assert.Equal("demo-alt", saved.GetProperty("usage_selections").Find("usage_key", "main").GetProperty("model").GetString());

        (await bob.ChatAsync("slot:main")).AssertStatus(HttpStatusCode.OK);
        var usage = await Host.LastUsageAsync("sel_post");
        Assert.Equal("demo-alt", usage.CatalogModel);
        Assert.Equal("main", usage.Slot);

        // The classic form: platform and model ids from the listing.
        var listing = (await bob.GetJsonAsync("api/ai/platform-models")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data");
        var demo = listing.Find("display_name", "demo");
        var back = (await bob.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new
        {
            usage_key = "fast",
            platform_id = demo.GetProperty("platform_id").GetInt64(),
            model_id = demo.GetProperty("model_id").GetInt64(),
        })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal("fast", back.GetProperty("usage_key").GetString());
        Assert.Equal(demo.GetProperty("model_id").GetInt64(), back.GetProperty("model_id").GetInt64());
        (await bob.ChatAsync("slot:fast")).AssertStatus(HttpStatusCode.OK);
        usage = await Host.LastUsageAsync("sel_post");
        Assert.Equal(("fast", "demo"), (usage.Slot, usage.Platform));

        // A model id on another platform than the one named, and an unknown model, are refused.
        var alt = listing.Find("display_name", "demo-alt");
        (await bob.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new { platform_id = demo.GetProperty("platform_id").GetInt64(), model_id = alt.GetProperty("model_id").GetInt64() }))
            .AssertError(HttpStatusCode.NotFound);
        (await bob.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new { model = "no-such-model" })).AssertError(HttpStatusCode.NotFound, "model_not_found");
        (await bob.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new { usage_key = "unknown-slot", model = "demo" })).AssertError(HttpStatusCode.NotFound, "slot_not_found");
    }

    [Fact]
    public async Task NamedSlot_CanBeCreatedUsedAndDeleted()
    {
        using var carol = await Host.UserClientAsync(Admin, "sel_slot");

        var created = await carol.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection/usage", new { usage_key = "Coding", usage_label = "Code helper", model = "demo-alt" });
        created.AssertStatus(HttpStatusCode.Created);
        Assert.Equal("coding", created.Json.GetProperty("usage_key").GetString());
        Assert.Equal("Code helper", created.Json.GetProperty("usage_label").GetString());
        Assert.Equal("demo-alt", created.Json.GetProperty("model").GetString());
        Assert.Equal(4, created.Json.GetProperty("usage_selections").GetArrayLength());

        (await carol.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection/usage", new { usage_key = "coding" })).AssertError(HttpStatusCode.Conflict, "slot_exists");
        (await carol.ChatAsync("slot:coding")).AssertStatus(HttpStatusCode.OK);
        var usage = await Host.LastUsageAsync("sel_slot");
        Assert.Equal(("coding", "demo-alt"), (usage.Slot, usage.CatalogModel));

        // Without a model a new slot starts on the main slot's model.
        var plain = (await carol.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection/usage", new { usage_key = "notes" })).AssertStatus(HttpStatusCode.Created).Json;
        Assert.Equal("demo", plain.GetProperty("model").GetString());
        Assert.Equal("notes", plain.GetProperty("usage_label").GetString());

        var deleted = (await carol.SendJsonAsync(HttpMethod.Delete, "api/ai/user-selection/usage?usage_key=coding")).AssertStatus(HttpStatusCode.OK).Json;
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        (await carol.GetJsonAsync("api/ai/user-selection?usage_key=coding")).AssertError(HttpStatusCode.NotFound, "slot_not_found");
        (await carol.SendJsonAsync(HttpMethod.Delete, "api/ai/user-selection/usage?usage_key=coding")).AssertError(HttpStatusCode.NotFound, "slot_not_found");
        (await carol.SendJsonAsync(HttpMethod.Delete, "api/ai/user-selection/usage?usage_key=main")).AssertError(HttpStatusCode.BadRequest, "builtin_slot");
        (await carol.SendJsonAsync(HttpMethod.Delete, "api/ai/user-selection/usage")).AssertError(HttpStatusCode.BadRequest, "missing_field", "usage_key");
        (await carol.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection/usage", new { model = "demo" })).AssertError(HttpStatusCode.BadRequest, "missing_field", "usage_key");
        (await carol.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection/usage", new { usage_key = "bad key!" })).AssertError(HttpStatusCode.BadRequest, param: "usage_key");
    }

    [Fact]
    public async Task PlatformModels_ListsEveryPickableModel_WithKeyAndHideFlags()
    {
        using var dave = await Host.UserClientAsync(Admin, "sel_list");

        var data = (await dave.GetJsonAsync("api/ai/platform-models")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data");

        var alt = data.Find("display_name", "demo-alt");
        Assert.Equal("alt", alt.GetProperty("platform_name").GetString());
        Assert.True(alt.GetProperty("platform_is_sys").GetBoolean());
        Assert.False(alt.GetProperty("platform_hide").GetBoolean());
        Assert.True(alt.GetProperty("api_key_set").GetBoolean());
        Assert.Equal("demo", alt.GetProperty("model_name").GetString());
        Assert.StartsWith("https://alt.switchboard.invalid", alt.GetProperty("base_url").GetString());
        Assert.True(alt.GetProperty("model_id").GetInt64() > 0);
        // The keyed platform has no server key and AutoKey is off: the user has no key for it.
        var keyed = data.Find("display_name", "keyed-model");
        Assert.False(keyed.GetProperty("api_key_set").GetBoolean());

        var altId = alt.GetProperty("platform_id").GetInt64();
        var hidden = (await dave.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{altId}/visibility", new { hide = true })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.True(hidden.GetProperty("hide").GetBoolean());
        data = (await dave.GetJsonAsync("api/ai/platform-models")).Json.GetProperty("data");
        Assert.True(data.Find("display_name", "demo-alt").GetProperty("platform_hide").GetBoolean());
        Assert.False(data.Find("display_name", "demo").GetProperty("platform_hide").GetBoolean());

        // Another user's listing is not affected by dave's hide flag.
        using var erin = await Host.UserClientAsync(Admin, "sel_list_other");
        Assert.False((await erin.GetJsonAsync("api/ai/platform-models")).Json.GetProperty("data").Find("display_name", "demo-alt").GetProperty("platform_hide").GetBoolean());

        (await dave.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{altId}/visibility", new { hide = false })).AssertStatus(HttpStatusCode.OK);
        Assert.False((await dave.GetJsonAsync("api/ai/platform-models")).Json.GetProperty("data").Find("display_name", "demo-alt").GetProperty("platform_hide").GetBoolean());
        (await dave.SendJsonAsync(HttpMethod.Post, "api/ai/platform/999999/visibility", new { hide = true })).AssertError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task OwnKey_ForASystemPlatform_IsStoredMaskedAndCanBeRemoved()
    {
        const string secret = "sk-own-user-secret-0123456789abcdef";
        using var frank = await Host.UserClientAsync(Admin, "sel_byok");
        var keyedId = (await frank.GetJsonAsync("api/ai/platform-models")).Json.GetProperty("data").Find("display_name", "keyed-model").GetProperty("platform_id").GetInt64();
        var bodies = new List<string>();

        var saved = (await frank.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{keyedId}/api-key", new { api_key = secret })).AssertStatus(HttpStatusCode.OK);
        bodies.Add(saved.Raw);
        Assert.True(saved.Json.GetProperty("own_key_set").GetBoolean());
        Assert.EndsWith("cdef", saved.Json.GetProperty("masked").GetString());

        var listing = await frank.GetJsonAsync("api/ai/platform-models");
        bodies.Add(listing.Raw);
        Assert.True(listing.Json.GetProperty("data").Find("display_name", "keyed-model").GetProperty("api_key_set").GetBoolean());
        bodies.Add((await frank.GetJsonAsync("api/ai/user-selection")).Raw);
        bodies.Add((await Admin.GetJsonAsync("api/ai/admin/sys-platforms")).Raw);

        // An absent field must not delete the key; an empty one does.
        (await frank.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{keyedId}/api-key", new { })).AssertError(HttpStatusCode.BadRequest, "missing_field", "api_key");
        var removed = (await frank.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{keyedId}/api-key", new { api_key = "" })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.False(removed.GetProperty("own_key_set").GetBoolean());
        Assert.False((await frank.GetJsonAsync("api/ai/platform-models")).Json.GetProperty("data").Find("display_name", "keyed-model").GetProperty("api_key_set").GetBoolean());

        Assert.All(bodies, body => Assert.DoesNotContain(secret, body));
        Assert.DoesNotContain(Host.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadBodies_Are400WithTheErrorShape_Never500()
    {
        using var gina = await Host.UserClientAsync(Admin, "sel_bad");
        var post = HttpMethod.Post;

        (await gina.SendRawAsync(post, "api/ai/user-selection", "{not json")).AssertError(HttpStatusCode.BadRequest, "invalid_json");
        (await gina.SendRawAsync(post, "api/ai/user-selection", "[1,2]")).AssertError(HttpStatusCode.BadRequest, "invalid_json");
        (await gina.SendRawAsync(post, "api/ai/user-selection", "null")).AssertError(HttpStatusCode.BadRequest, "invalid_json");
        (await gina.SendRawAsync(post, "api/ai/user-selection", "")).AssertError(HttpStatusCode.BadRequest, "missing_field", "model");
        (await gina.SendRawAsync(post, "api/ai/user-selection", "{}")).AssertError(HttpStatusCode.BadRequest, "missing_field", "model");
        (await gina.SendRawAsync(post, "api/ai/user-selection", """{"platform_id":"abc","model_id":1}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "platform_id");
        (await gina.SendRawAsync(post, "api/ai/user-selection", """{"model":42}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "model");
        (await gina.SendRawAsync(post, "api/ai/user-selection", """{"model_id":1e40}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "model_id");
        (await gina.SendRawAsync(post, "api/ai/user-selection", """{"platform_id":1}""")).AssertError(HttpStatusCode.BadRequest, "missing_field", "model_id");
        (await gina.SendRawAsync(post, "api/ai/user-selection", """{"model":"demo"}""", "text/plain")).AssertError(HttpStatusCode.UnsupportedMediaType);
        (await gina.SendRawAsync(post, "api/ai/user-selection/usage", """{"usage_key":["a"]}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "usage_key");
        (await gina.SendRawAsync(post, "api/ai/platform/1/visibility", """{"hide":"yes"}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "hide");
        (await gina.SendRawAsync(post, "api/ai/platform/1/visibility", "{}")).AssertError(HttpStatusCode.BadRequest, "missing_field", "hide");
        (await gina.SendRawAsync(post, "api/ai/platform/1/api-key", """{"api_key":{"x":1}}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "api_key");
        (await gina.SendRawAsync(post, "api/ai/platform", "{\"name\":")).AssertError(HttpStatusCode.BadRequest, "invalid_json");
        (await gina.SendRawAsync(HttpMethod.Put, "api/ai/model/1", """{"display_name":false}""")).AssertError(HttpStatusCode.BadRequest);
    }
}
