using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;
using Switchboard.Tenancy;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>A gateway with two system platforms on fake upstreams that echo which key and model reached them.</summary>
internal sealed class TenancyFixture : IAsyncDisposable
{
    public const string ServerKeyA = "sk-server-aaaa-0001";
    public const string ServerKeyB = "sk-server-bbbb-0002";

    private TenancyFixture(FakeUpstream upstreamA, FakeUpstream upstreamB, GatewayHost host)
    {
        UpstreamA = upstreamA;
        UpstreamB = upstreamB;
        Host = host;
    }

    public FakeUpstream UpstreamA { get; }

    public FakeUpstream UpstreamB { get; }

    public GatewayHost Host { get; }

    public TenancyService Tenancy => Host.Services.GetRequiredService<TenancyService>();

    public static async Task<TenancyFixture> StartAsync(string mode, IDictionary<string, string?>? settings = null, string? extraYaml = null)
    {
        var a = await FakeUpstream.StartAsync();
        var b = await FakeUpstream.StartAsync();
        a.Handler = (ctx, r) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from A:" + r.Json().RootElement.GetProperty("model").GetString()));
        b.Handler = (ctx, r) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from B:" + r.Json().RootElement.GetProperty("model").GetString()));
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Switchboard:Tenancy:Mode"] = mode };

        // Users' private platforms in these tests point at the loopback fakes, which the SSRF guard refuses unless
        // the operator allowlists them, as one would an internal vLLM.
        all.TryAdd("Switchboard:Probe:AllowList:0", a.BaseUrl.Authority);
        all.TryAdd("Switchboard:Probe:AllowList:1", b.BaseUrl.Authority);
        var host = await GatewayHost.StartAsync($$"""
            platforms:
              alpha:
                kind: openai
                base_url: {{a.BaseUrl}}v1
                api_key: {{ServerKeyA}}
                models: { model-a: upstream-a }
              beta:
                kind: openai
                base_url: {{b.BaseUrl}}v1
                api_key: {{ServerKeyB}}
                models: { model-b: upstream-b }
            {{extraYaml}}
            """, settings: all);
        return new TenancyFixture(a, b, host);
    }

    public HttpClient AdminClient() => Host.CreateClient();

    public async Task<(HttpClient Client, long KeyId)> UserClientAsync(string userId, object? limits = null)
    {
        using var admin = Host.CreateClient();
        var response = await admin.PostAsJsonAsync("api/admin/keys", new { user_id = userId, name = userId });
        response.EnsureSuccessStatusCode();
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.RootElement.GetProperty("key").GetString());
        return (client, created.RootElement.GetProperty("id").GetInt64());
    }

    public async Task<UserRecord> SaveUserAsync(string id, string tier = "free", LimitSettings? limits = null)
    {
        var (user, _, error) = await Tenancy.SaveUserAsync(new UserRecord { Id = id, Tier = tier, Limits = limits ?? LimitSettings.None }, CancellationToken.None);
        Assert.Null(error);
        return user!;
    }

    public long PlatformId(string name) =>
        Host.Services.GetRequiredService<Switchboard.Core.Routing.SnapshotHolder>().Current.Platforms[name].Config.Id;

    public static CallerIdentity User(string id) => new(id, null, Roles.User);

    public static async Task<HttpResponseMessage> ChatAsync(HttpClient client, string model, int? maxTokens = null) =>
        await client.PostAsJsonAsync("v1/chat/completions", maxTokens is null
            ? new { model, messages = new[] { new { role = "user", content = "hi" } } }
            : (object)new { model, max_tokens = maxTokens, messages = new[] { new { role = "user", content = "hi" } } });

    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("error").Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await UpstreamA.DisposeAsync();
        await UpstreamB.DisposeAsync();
    }
}
