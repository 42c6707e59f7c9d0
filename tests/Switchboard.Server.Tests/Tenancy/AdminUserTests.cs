using System.Net;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>Checks the admin REST routes for users, their slots and slot repairs.</summary>
public sealed class AdminUserTests : AdminTenancyTestBase
{
    protected override string? Mode => "multi-fixed";

    [Fact]
    public async Task User_CreateUpdatePartiallyDisableAndDelete()
    {
        var created = (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/u_alice", new { tier = "Pro", display_name = "Alice", budget = 12.5m, budget_period = "week", rpm = 60 }))
            .AssertStatus(HttpStatusCode.Created).Json;
        Assert.Equal("u_alice", created.GetProperty("id").GetString());
        Assert.Equal("user", created.GetProperty("role").GetString());
        Assert.Equal("pro", created.GetProperty("tier").GetString());
        Assert.Equal("active", created.GetProperty("status").GetString());
        Assert.Equal("Alice", created.GetProperty("display_name").GetString());
        Assert.Equal(12.5m, created.GetProperty("budget").GetDecimal());
        Assert.Equal("week", created.GetProperty("budget_period").GetString());
        Assert.Equal(60, created.GetProperty("rpm").GetInt32());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("tpm").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("max_parallel").ValueKind);

        // A partial update keeps every absent field; null removes a limit.
        var updated = (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/u_alice", new { tpm = 5000, max_parallel = 2 })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal(("pro", "Alice", 12.5m, 60), (updated.GetProperty("tier").GetString(), updated.GetProperty("display_name").GetString(), updated.GetProperty("budget").GetDecimal(), updated.GetProperty("rpm").GetInt32()));
        Assert.Equal(5000, updated.GetProperty("tpm").GetInt64());
        Assert.Equal(2, updated.GetProperty("max_parallel").GetInt32());
        var cleared = (await Admin.SendRawAsync(HttpMethod.Put, "api/admin/users/u_alice", """{"budget":null,"rpm":null}""")).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("budget").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("rpm").ValueKind);
        Assert.Equal(5000, cleared.GetProperty("tpm").GetInt64());

        var one = (await Admin.GetJsonAsync("api/admin/users/u_alice")).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal("pro", one.GetProperty("tier").GetString());
        Assert.Contains("u_alice", (await Admin.GetJsonAsync("api/admin/users")).Json.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("id").GetString()));

        // A disabled user's key is refused everywhere.
        using var alice = await Host.UserClientAsync(Admin, "u_alice");
        (await alice.ChatAsync("demo")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("disabled", (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/u_alice", new { status = "disabled" })).AssertStatus(HttpStatusCode.OK).Json.GetProperty("status").GetString());
        (await alice.ChatAsync("demo")).AssertError(HttpStatusCode.Forbidden, "user_disabled");
        (await alice.GetJsonAsync("api/ai/user-selection")).AssertError(HttpStatusCode.Forbidden, "user_disabled");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/u_alice", new { status = "active" })).AssertStatus(HttpStatusCode.OK);
        (await alice.ChatAsync("demo")).AssertStatus(HttpStatusCode.OK);

        (await Admin.SendJsonAsync(HttpMethod.Delete, "api/admin/users/u_alice")).AssertStatus(HttpStatusCode.NoContent);
        (await Admin.GetJsonAsync("api/admin/users/u_alice")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await Admin.SendJsonAsync(HttpMethod.Delete, "api/admin/users/u_alice")).AssertError(HttpStatusCode.NotFound, "not_found");
        // Deleting the user removed their keys too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.ChatAsync("demo")).Status);
    }

    [Fact]
    public async Task User_BadBodies_Are400NamingTheField()
    {
        const string path = "api/admin/users/u_bad";
        (await Admin.SendJsonAsync(HttpMethod.Put, path, new { status = "sleeping" })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "status");
        (await Admin.SendJsonAsync(HttpMethod.Put, path, new { role = "emperor" })).AssertError(HttpStatusCode.BadRequest, param: "role");
        (await Admin.SendJsonAsync(HttpMethod.Put, path, new { tier = "gold star!" })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "tier");
        (await Admin.SendJsonAsync(HttpMethod.Put, path, new { budget = -1 })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "budget");
        (await Admin.SendJsonAsync(HttpMethod.Put, path, new { budget_period = "year" })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "budget_period");
        (await Admin.SendJsonAsync(HttpMethod.Put, path, new { rpm = 0 })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "rpm");
        (await Admin.SendRawAsync(HttpMethod.Put, path, """{"budget":"lots"}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "budget");
        (await Admin.SendRawAsync(HttpMethod.Put, path, """{"rpm":1.5}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "rpm");
        (await Admin.SendRawAsync(HttpMethod.Put, path, """{"tpm":99999999999999999999999}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "tpm");
        (await Admin.SendRawAsync(HttpMethod.Put, path, "[]")).AssertError(HttpStatusCode.BadRequest, "invalid_json");
        (await Admin.SendRawAsync(HttpMethod.Put, path, "{\"tier\":\"pro\"")).AssertError(HttpStatusCode.BadRequest, "invalid_json");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/-1", new { tier = "pro" })).AssertError(HttpStatusCode.BadRequest, param: "id");
        (await Admin.GetJsonAsync("api/admin/users/u_bad")).AssertError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UserSlots_ListSetAndRepairHistory()
    {
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/u_slots", new { tier = "free" })).AssertStatus(HttpStatusCode.Created);
        var slots = (await Admin.GetJsonAsync("api/admin/users/u_slots/slots")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data");
        Assert.Equal(new[] { "main", "fast", "reason" }, slots.EnumerateArray().Select(s => s.GetProperty("usage_key").GetString()!).ToArray());
        Assert.All(slots.EnumerateArray(), s => Assert.Equal("demo", s.GetProperty("model").GetString()));

        // Bind fast to a model on a platform that is then deleted: the slot is repaired and the repair recorded.
        var platformId = (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new { name = "short-lived", kind = "demo", base_url = "https://short.switchboard.invalid", models = new { ephemeral = "demo" } }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();
        var fast = (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/u_slots/slots/fast", new { model = "ephemeral" })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal(("fast", "ephemeral", "short-lived"), (fast.GetProperty("usage_key").GetString(), fast.GetProperty("model").GetString(), fast.GetProperty("platform").GetString()));
        var custom = await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/u_slots/slots/translate", new { model = "demo-alt", usage_label = "Translation" });
        custom.AssertStatus(HttpStatusCode.Created);
        Assert.Equal("Translation", custom.Json.GetProperty("usage_label").GetString());
        Assert.Equal(4, (await Admin.GetJsonAsync("api/admin/users/u_slots/slots")).Json.GetProperty("data").GetArrayLength());
        Assert.Equal(0, (await Admin.GetJsonAsync("api/admin/users/u_slots/slot-repairs")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data").GetArrayLength());

        (await Admin.SendJsonAsync(HttpMethod.Delete, $"api/ai/admin/sys-platform?id={platformId}")).AssertStatus(HttpStatusCode.OK);
        var repaired = (await Admin.GetJsonAsync("api/admin/users/u_slots/slots")).Json.GetProperty("data").Find("usage_key", "fast");
        Assert.Equal("demo", repaired.GetProperty("model").GetString());
        var repair = Assert.Single((await Admin.GetJsonAsync("api/admin/users/u_slots/slot-repairs")).Json.GetProperty("data").EnumerateArray());
        Assert.Equal("u_slots", repair.GetProperty("user_id").GetString());
        Assert.Equal("fast", repair.GetProperty("usage_key").GetString());
        Assert.Equal("ephemeral", repair.GetProperty("from_model").GetString());
        Assert.Equal("demo", repair.GetProperty("to_model").GetString());
        Assert.Equal("model_removed", repair.GetProperty("reason").GetString());
        Assert.True(repair.GetProperty("repaired_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        (await Admin.SendJsonAsync(HttpMethod.Delete, "api/admin/users/u_slots/slots/translate")).AssertStatus(HttpStatusCode.NoContent);
        (await Admin.SendJsonAsync(HttpMethod.Delete, "api/admin/users/u_slots/slots/main")).AssertError(HttpStatusCode.BadRequest, "builtin_slot");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/u_slots/slots/fast", new { })).AssertError(HttpStatusCode.BadRequest, "missing_field", "model");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/u_slots/slots/fast", new { model = "nope" })).AssertError(HttpStatusCode.NotFound, "model_not_found");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/nobody/slots/fast", new { model = "demo" })).AssertError(HttpStatusCode.NotFound, "not_found");
        (await Admin.GetJsonAsync("api/admin/users/nobody/slots")).AssertError(HttpStatusCode.NotFound, "not_found");
    }
}
