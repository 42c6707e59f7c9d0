using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Core.Secrets;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Secrets;

/// <summary>
/// Checks <c>POST /api/admin/seal</c> over real HTTP: the sealed value works as <c>api_key</c> in another gateway's platforms
/// file under the same master key (its upstream receives the plaintext), the plaintext appears in no answer, log line or
/// audit entry, only admins may seal, and every bad body is a 400 naming <c>value</c>.
/// </summary>
public sealed class SealRouteTests
{
    private const string Plaintext = "sk-seal-route-plaintext-secret-0077";

    [Fact]
    public async Task Seal_ReturnsAValueAnotherGatewayOpensAsItsKey_AndThePlaintextIsNowhereInAnswersLogsOrAudit()
    {
        await using var host = await GatewayHost.StartAsync();
        using var admin = host.CreateClient();

        var response = await admin.PostAsJsonAsync("api/admin/seal", new { value = Plaintext });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.DoesNotContain(Plaintext, text, StringComparison.Ordinal);
        var sealedValue = JsonDocument.Parse(text).RootElement.GetProperty("sealed").GetString()!;
        Assert.StartsWith(SecretSealer.CurrentPrefix, sealedValue, StringComparison.Ordinal);
        var again = JsonDocument.Parse(await (await admin.PostAsJsonAsync("api/admin/seal", new { value = Plaintext })).Content.ReadAsStringAsync()).RootElement.GetProperty("sealed").GetString();
        Assert.NotEqual(sealedValue, again);

        var audit = await admin.GetStringAsync("api/admin/audit");
        Assert.DoesNotContain(Plaintext, audit, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(Plaintext, StringComparison.Ordinal));

        // The value is for the platforms file: a gateway with the same master key sends the plaintext upstream.
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        await using var other = await GatewayHost.StartAsync($$"""
            platforms:
              sealed:
                kind: openai
                base_url: {{upstream.BaseUrl}}v1
                api_key: '{{sealedValue}}'
                models: { chat: gpt-x }
            """);
        using var otherAdmin = other.CreateClient();
        var chat = await otherAdmin.PostAsJsonAsync("v1/chat/completions", new { model = "chat", messages = new[] { new { role = "user", content = "hi" } } });
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal("Bearer " + Plaintext, upstream.LastRequest.Header("Authorization"));

        // Under another master key the value does not open.
        Assert.False(new SecretSealer("another-master-key-for-the-seal-test").TryUnseal(sealedValue, SecretContexts.File, out _));
    }

    [Fact]
    public async Task Seal_IsAdminOnly_AndBadBodiesAre400sNamingTheValue()
    {
        await using var host = await GatewayHost.StartAsync();
        using var admin = host.CreateClient();
        var created = await admin.PostAsJsonAsync("api/admin/keys", new { name = "sealer", user_id = "u-seal" });
        using var user = host.CreateClient(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsJsonAsync("api/admin/seal", new { value = Plaintext })).StatusCode);

        foreach (var body in new[] { "{}", """{"value": 5}""", """{"value": ""}""", """{"value": "   "}""", $$"""{"value": "{{new string('k', 4097)}}"}""", """{"value": "ENC:v1:AAAA"}""" })
        {
            var response = await admin.PostAsync("api/admin/seal", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body + " -> " + text);
            Assert.Equal("value", JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("param").GetString());
        }

        foreach (var body in new[] { "", "not json", "[1]" })
        {
            var response = await admin.PostAsync("api/admin/seal", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_request_error", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());
        }

        var accepted = await admin.PostAsJsonAsync("api/admin/seal", new { value = new string('k', 4096) });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}
