using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>The setting of the limit tests: one OpenAI-style platform on a fake upstream behind a priced catalog model <c>priced</c> ($1 in, $2 out per 1M), and virtual keys with limits.</summary>
public static class PricedGateway
{
    /// <summary>Returns the platforms file; <paramref name="more"/> adds platforms under <c>platforms:</c> and <paramref name="moreCatalog"/> models under <c>catalog:</c>.</summary>
    public static string Yaml(Uri upstream, string more = "", string moreCatalog = "") =>
        $$"""
        platforms:
          alpha:
            kind: openai
            base_url: {{upstream}}v1
            api_key: sk-alpha-upstream-0001
            models: { model-a: upstream-a }
        {{more}}
        catalog:
          priced:
            user_input_price: 1.0
            user_output_price: 2.0
            sources: [{ platform: alpha, model: model-a }]
        {{moreCatalog}}
        """;

    /// <summary>Creates a virtual key with the limits in <paramref name="key"/> (the body of <c>POST /api/admin/keys</c>); returns a client using it and its limit scope (<c>key:&lt;id&gt;</c>).</summary>
    public static Task<(HttpClient Client, string Scope)> LimitedClientAsync(GatewayHost host, object key) => LimitedClientAsync(host.CreateClient, key);

    /// <summary>Creates a limited virtual key on a gateway process; see the other overload.</summary>
    public static Task<(HttpClient Client, string Scope)> LimitedClientAsync(GatewayProcess gateway, object key) => LimitedClientAsync(gateway.CreateClient, key);

    private static async Task<(HttpClient Client, string Scope)> LimitedClientAsync(Func<string?, HttpClient> createClient, object key)
    {
        using var admin = createClient(GatewayHost.AdminKey);
        var created = await admin.PostAsJsonAsync("api/admin/keys", key);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return (createClient(body.RootElement.GetProperty("key").GetString()), $"key:{body.RootElement.GetProperty("id").GetInt64()}");
    }
}
