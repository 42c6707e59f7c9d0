using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Admin;

public sealed class VirtualKeyTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task VirtualKey_CreatedOnce_WorksMaskedInListAndStopsWhenRevoked()
    {
        using var admin = _host.CreateClient();
        var created = await admin.PostAsJsonAsync("api/admin/keys", new { name = "ci", user_id = "user_1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var key = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("id").GetInt64();
        Assert.StartsWith("sb-", key);
        Assert.True(key.Length >= 30);

        using var user = _host.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await user.PostAsJsonAsync("v1/chat/completions", new { model = "demo", messages = new[] { new { role = "user", content = "x" } } })).StatusCode);

        var list = await admin.GetStringAsync("api/admin/keys");
        Assert.DoesNotContain(key, list);
        Assert.Contains(body.GetProperty("masked").GetString()!, list);

        var records = await _host.FlushUsageAsync();
        Assert.Equal("user_1", Assert.Single(records).UserId);
        Assert.Equal(id, records[0].VirtualKeyId);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/admin/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("api/admin/keys/999999")).StatusCode);
    }

    [Fact]
    public async Task UserKey_OnAdminRoute_Gets403()
    {
        using var admin = _host.CreateClient();
        var created = JsonDocument.Parse(await (await admin.PostAsJsonAsync("api/admin/keys", new { name = "u" })).Content.ReadAsStringAsync()).RootElement;
        using var user = _host.CreateClient(created.GetProperty("key").GetString());

        var response = await user.GetAsync("api/admin/keys");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("permission_error", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task CreateKey_BadRole_Returns400()
    {
        using var admin = _host.CreateClient();
        var response = await admin.PostAsJsonAsync("api/admin/keys", new { role = "emperor" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("role", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        using var client = _host.CreateClient();
        var doc = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement;
        Assert.True(doc.GetProperty("paths").TryGetProperty("/v1/chat/completions", out _));
    }
}
