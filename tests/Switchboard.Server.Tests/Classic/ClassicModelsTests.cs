using System.Net;
using System.Text.Json;
using Switchboard.Server.Tests.Tenancy;

namespace Switchboard.Server.Tests.Classic;

/// <summary>The original service's model lists: the caller's models with providers, type, capabilities, context window and prices.</summary>
public sealed class ClassicModelsTests : IAsyncLifetime
{
    private ClassicGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await ClassicGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData("api/v1/models/")]
    [InlineData("api/v1/models")]
    public async Task List_ShowsEveryModelWithItsProvidersAndTraits(string route)
    {
        using var client = _gateway.Host.CreateClient();

        var list = await GetAsync(client, route);

        Assert.Equal("list", list.GetProperty("object").GetString());
        var data = list.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Equal(["demo", "demo-embedding", "shared"], data.Keys.Order(StringComparer.Ordinal));
        var shared = data["shared"];
        Assert.Equal("chat", shared.GetProperty("type").GetString());
        Assert.Equal(64000, shared.GetProperty("context_window").GetInt32());
        Assert.Equal(["tools", "vision"], shared.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        var providers = shared.GetProperty("providers").EnumerateArray().Select(p => (p.GetProperty("platform").GetString(), p.GetProperty("kind").GetString(), p.GetProperty("preset").GetString())).ToList();
        Assert.Equal([("first", "openai", "deepseek"), ("second", "anthropic", null)], providers.OrderBy(p => p.Item1));
        var pricing = shared.GetProperty("pricing");
        Assert.Equal("USD", pricing.GetProperty("currency").GetString());
        Assert.Equal(0m, pricing.GetProperty("input_per_million").GetDecimal());
        Assert.Equal("embedding", data["demo-embedding"].GetProperty("type").GetString());
        Assert.Equal(8192, data["demo"].GetProperty("context_window").GetInt32());
        Assert.Equal("demo", data["demo"].GetProperty("providers")[0].GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("api/v1/models/?provider=anthropic", new[] { "shared" })]
    [InlineData("api/v1/models?provider=DeepSeek", new[] { "shared" })]
    [InlineData("api/v1/models/demo/models", new[] { "demo", "demo-embedding" })]
    [InlineData("api/v1/models/second/models", new[] { "shared" })]
    [InlineData("api/v1/models/openai/models", new[] { "shared" })]
    [InlineData("api/v1/models/gemini/models", new string[0])]
    public async Task ProviderFilter_KeepsTheModelsThatProviderServes(string route, string[] expected)
    {
        using var client = _gateway.Host.CreateClient();

        var list = await GetAsync(client, route);

        Assert.Equal(expected, list.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.NotNull(list.GetProperty("provider").GetString());
    }

    [Fact]
    public async Task List_ShowsWhatV1ModelsShowsForARestrictedKey()
    {
        using var admin = _gateway.Host.CreateClient();
        var created = await admin.PostAsync("api/admin/keys", JsonContent("""{"name":"narrow","allowed_models":["demo"]}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await ClassicGateway.JsonAsync(created)).GetProperty("key").GetString();
        using var narrow = _gateway.Host.CreateClient(key);

        var classic = (await GetAsync(narrow, "api/v1/models/")).GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString());
        var openAI = (await GetAsync(narrow, "v1/models")).GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString());

        Assert.Equal(["demo"], classic);
        Assert.Equal(openAI, classic);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string route)
    {
        var response = await client.GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ClassicGateway.JsonAsync(response);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
