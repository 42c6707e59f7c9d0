using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>Signed-token sign-in: a valid token reaches the model as its <c>sub</c> with that user's tier defaults; bad tokens get 401.</summary>
public sealed class TenancyJwtTests
{
    private const string Secret = "a-supabase-style-jwt-secret-that-is-long-enough-0123";

    [Fact]
    public async Task ValidToken_RunsAsSubWithClaimedTierDefaults_BadTokensGet401()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", new Dictionary<string, string?>
        {
            ["Switchboard:Tenancy:AutoKey"] = "true",
            ["Switchboard:Auth:Jwt:HmacSecret"] = Secret,
            ["Switchboard:Auth:Jwt:TierClaim"] = "app_metadata.tier",
            ["Switchboard:Auth:Jwt:Audience"] = "authenticated",
        });
        Assert.Null(await fixture.Tenancy.SetRuleAsync("pro", """{"slots": {"main": "model-b"}}""", "test", CancellationToken.None));
        Assert.Null(await fixture.Tenancy.SetRuleAsync("free", """{"slots": {"main": "model-a"}}""", "test", CancellationToken.None));

        var token = Sign(new { sub = "user-42", aud = "authenticated", exp = Unix(TimeSpan.FromHours(1)), app_metadata = new { tier = "pro" } });
        var ok = await ChatAsync(fixture, token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("from B:upstream-b", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var record = Assert.Single(await fixture.Host.FlushUsageAsync());
        Assert.Equal("user-42", record.UserId);

        // The user is provisioned on first sight with the tier from the token.
        for (var i = 0; i < 100 && fixture.Tenancy.GetUser("user-42") is null; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal("pro", fixture.Tenancy.GetUser("user-42")?.Tier);

        var expired = Sign(new { sub = "user-42", aud = "authenticated", exp = Unix(TimeSpan.FromHours(-1)) });
        var wrongSecret = Sign(new { sub = "user-42", aud = "authenticated", exp = Unix(TimeSpan.FromHours(1)) }, "another-secret-that-is-also-long-enough-987654");
        var unsigned = $"{B64(JsonSerializer.Serialize(new { alg = "none", typ = "JWT" }))}.{B64(JsonSerializer.Serialize(new { sub = "user-42", aud = "authenticated", exp = Unix(TimeSpan.FromHours(1)) }))}.";
        var wrongAudience = Sign(new { sub = "user-42", aud = "somebody-else", exp = Unix(TimeSpan.FromHours(1)) });
        foreach (var bad in new[] { expired, wrongSecret, unsigned, wrongAudience })
        {
            var response = await ChatAsync(fixture, bad);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("authentication_error", (await TenancyFixture.ErrorAsync(response)).GetProperty("type").GetString());
        }

        Assert.Single(fixture.UpstreamB.Requests);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("admin")]
    [InlineData("Admin")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("user\\u0000x")]
    [InlineData("user\\ud800x")]
    public async Task TokenNamingAReservedOrInvalidUser_Is401_AndActsAsNobody(string subject)
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", new Dictionary<string, string?>
        {
            ["Switchboard:Tenancy:AutoKey"] = "true",
            ["Switchboard:Auth:Jwt:HmacSecret"] = Secret,
        });
        var token = SignRaw("{\"sub\":\"" + subject + "\",\"exp\":" + Unix(TimeSpan.FromHours(1)) + "}");
        using var client = fixture.Host.CreateClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var chat = await TenancyFixture.ChatAsync(client, "model-a");
        var slots = await client.PostAsync("api/ai/user-selection", new StringContent("{\"usage_key\":\"main\",\"model\":\"model-b\"}", Encoding.UTF8, "application/json"));
        var usage = await client.GetAsync("api/v1/status/usage?period=total");

        Assert.All(new[] { chat, slots, usage }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Empty(fixture.UpstreamA.Requests);
        Assert.DoesNotContain(fixture.Tenancy.ListUsers(), u => u.Id.Trim().Length == 0 || u.Id == "-1" || u.Id.Equals("admin", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("admin")]
    [InlineData("%20")]
    public async Task AdminCannotCreateAUserWithAReservedId(string id)
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed");
        using var admin = fixture.AdminClient();

        var response = await admin.PutAsync($"api/admin/users/{id}", new StringContent("{\"tier\":\"pro\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("id", (await TenancyFixture.ErrorAsync(response)).GetProperty("param").GetString());
    }

    private static async Task<HttpResponseMessage> ChatAsync(TenancyFixture fixture, string token)
    {
        using var client = fixture.Host.CreateClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await TenancyFixture.ChatAsync(client, "slot:main");
    }

    private static long Unix(TimeSpan offset) => DateTimeOffset.UtcNow.Add(offset).ToUnixTimeSeconds();

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Sign(object payload, string secret = Secret) => SignRaw(JsonSerializer.Serialize(payload), secret);

    private static string SignRaw(string payloadJson, string secret = Secret)
    {
        var signingInput = $"{B64(JsonSerializer.Serialize(new { alg = "HS256", typ = "JWT" }))}.{B64(payloadJson)}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signingInput));
        return $"{signingInput}.{Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
    }
}
