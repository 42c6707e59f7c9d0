using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>
/// Runs a gateway of its own for one configuration-page test, so adding platforms, rotating keys and resetting from the
/// file change nothing the other browser tests see. Its fake upstream lists models, answers chats, and refuses a revoked key.
/// </summary>
public sealed class ConfigPagesGateway : IAsyncDisposable
{
    public const string FileKey = "sk-config-pages-file-key-0001";

    private ConfigPagesGateway(FakeUpstream upstream, GatewayHost gateway)
    {
        Upstream = upstream;
        Gateway = gateway;
    }

    public FakeUpstream Upstream { get; }

    public GatewayHost Gateway { get; }

    /// <summary>Gets or sets the model ids the fake upstream's <c>/models</c> lists.</summary>
    public string[] UpstreamModels { get; set; } = ["gpt-4o-mini", "new-model-x", "probe-alpha", "probe-beta"];

    /// <summary>Gets or sets the upstream keys the fake upstream refuses with a 401, as a provider does with a revoked key.</summary>
    public HashSet<string> RevokedKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts the upstream and a gateway whose platforms file has one platform, fakeai, with two models.</summary>
    public static async Task<ConfigPagesGateway> StartAsync()
    {
        var upstream = await FakeUpstream.StartAsync();
        var yaml = $"""
            platforms:
              fakeai:
                kind: openai
                base_url: {upstream.BaseUrl}v1
                api_key: {FileKey}
                models:
                  gpt-4o-mini:
                    model_name: gpt-4o-mini
                    input_price: 0.15
                    output_price: 0.6
                  retired-model:
                    model_name: retired-model
                    input_price: 1
                    output_price: 2
            """;

        // The probe refuses loopback addresses unless the operator allows one; the fake upstream lives on loopback.
        var settings = new Dictionary<string, string?> { ["Switchboard:Probe:AllowList:0"] = $"127.0.0.1:{upstream.BaseUrl.Port}" };
        var gateway = await GatewayHost.StartAsync(yaml, settings: settings);
        var host = new ConfigPagesGateway(upstream, gateway);
        upstream.Handler = host.AnswerAsync;
        return host;
    }

    /// <summary>Opens the console in a fresh browser context, signs in with the admin key and opens a page.</summary>
    public async Task<ConsolePage> OpenAsync(ConsoleBrowser browser, string page)
    {
        var console = await browser.OpenAsync(Gateway.BaseUrl);
        await console.OpenAsync();
        await console.SignInAsync(GatewayHost.AdminKey);
        await console.Navigation.WaitForAsync();

        // Following the navigation link keeps the app loaded; typing the address would start it again, slowly on a busy machine.
        await console.Navigation.Locator($"a[href='{page}']").ClickAsync();
        await console.Page.WaitForURLAsync("**/ui/" + page);
        return console;
    }

    /// <summary>Reads an admin route as JSON.</summary>
    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var client = Gateway.CreateClient();
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts JSON to a route and returns the status and body.</summary>
    public async Task<(int Status, string Body)> PostJsonAsync(string path, object body)
    {
        using var client = Gateway.CreateClient();
        using var response = await client.PostAsJsonAsync(path, body);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Returns one catalog model of the admin list, or fails the test.</summary>
    public async Task<JsonElement> CatalogModelAsync(string id)
    {
        using var list = await GetJsonAsync("api/admin/catalog");
        return list.RootElement.GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id).Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context, RecordedRequest request)
    {
        var bearer = request.Header("Authorization")?.Replace("Bearer ", "", StringComparison.Ordinal);
        if (bearer is not null && RevokedKeys.Contains(bearer))
        {
            await FakeUpstream.Json(context, 401, """{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}""");
            return;
        }

        if (request.Path.EndsWith("/models", StringComparison.Ordinal))
        {
            var data = string.Join(",", UpstreamModels.Select(m => $$"""{"id":"{{m}}","object":"model"}"""));
            await FakeUpstream.Json(context, 200, $$"""{"object":"list","data":[{{data}}]}""");
            return;
        }

        await FakeUpstream.Json(context, 200, OpenAIFakeResponses.Completion("pong"));
    }
}
