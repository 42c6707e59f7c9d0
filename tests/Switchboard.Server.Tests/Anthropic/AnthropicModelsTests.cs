using System.Globalization;
using System.Net;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Models;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Anthropic;

/// <summary>Checks <c>GET /v1/models</c> and <c>/v1/models/{id}</c> in Anthropic's shape when called with <c>anthropic-version</c>: the page, its cursors, the single model, the errors, and that the OpenAI shape is unchanged without the header.</summary>
public sealed class AnthropicModelsTests
{
    private const string ThreeModels = "platforms:\n  up:\n    kind: demo\n    base_url: https://demo.switchboard.invalid\n    models:\n      alpha: demo\n      beta: demo\n      gamma: demo\n";

    [Fact]
    public async Task List_WithAnthropicVersion_IsAnthropicsPageOfTheSameModels()
    {
        await using var host = await GatewayHost.StartAsync(ThreeModels);

        var (status, body) = await GetAsync(host, "/v1/models", anthropic: true);
        var (_, openAI) = await GetAsync(host, "/v1/models", anthropic: false);

        Assert.Equal(HttpStatusCode.OK, status);
        var root = JsonDocument.Parse(body).RootElement;
        var data = root.GetProperty("data").EnumerateArray().ToList();
        Assert.All(data, model =>
        {
            Assert.Equal("model", model.GetProperty("type").GetString());
            Assert.False(string.IsNullOrEmpty(model.GetProperty("display_name").GetString()));
            Assert.True(DateTimeOffset.TryParseExact(model.GetProperty("created_at").GetString(), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _));
            Assert.False(model.TryGetProperty("object", out _));
        });
        Assert.False(root.GetProperty("has_more").GetBoolean());
        Assert.Equal(data[0].GetProperty("id").GetString(), root.GetProperty("first_id").GetString());
        Assert.Equal(data[^1].GetProperty("id").GetString(), root.GetProperty("last_id").GetString());
        var openAIRoot = JsonDocument.Parse(openAI).RootElement;
        Assert.Equal("list", openAIRoot.GetProperty("object").GetString());
        Assert.Equal(
            openAIRoot.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()),
            data.Select(m => m.GetProperty("id").GetString()));
        Assert.Contains("beta", data.Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task List_Paging_WalksForwardAndBackByCursor()
    {
        await using var host = await GatewayHost.StartAsync(ThreeModels);
        var (_, all) = await GetAsync(host, "/v1/models", anthropic: true);
        var ids = JsonDocument.Parse(all).RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
        Assert.True(ids.Count >= 3, string.Join(',', ids));

        var first = JsonDocument.Parse((await GetAsync(host, "/v1/models?limit=2", anthropic: true)).Body).RootElement;
        Assert.Equal(ids[..2], first.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.True(first.GetProperty("has_more").GetBoolean());

        var second = JsonDocument.Parse((await GetAsync(host, "/v1/models?limit=1000&after_id=" + first.GetProperty("last_id").GetString(), anthropic: true)).Body).RootElement;
        Assert.Equal(ids[2..], second.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.False(second.GetProperty("has_more").GetBoolean());

        var back = JsonDocument.Parse((await GetAsync(host, "/v1/models?limit=1&before_id=" + ids[2], anthropic: true)).Body).RootElement;
        Assert.Equal([ids[1]], back.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.True(back.GetProperty("has_more").GetBoolean());

        var gone = JsonDocument.Parse((await GetAsync(host, "/v1/models?after_id=removed-model", anthropic: true)).Body).RootElement;
        Assert.Empty(gone.GetProperty("data").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, gone.GetProperty("first_id").ValueKind);
        Assert.False(gone.GetProperty("has_more").GetBoolean());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=abc")]
    [InlineData("after_id=alpha&before_id=gamma")]
    public async Task List_BadPaging_Is400InAnthropicShape(string query)
    {
        await using var host = await GatewayHost.StartAsync(ThreeModels);

        var (status, body) = await GetAsync(host, "/v1/models?" + query, anthropic: true);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("error", root.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", root.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Get_WithAnthropicVersion_IsTheModelObject_AndUnknownIs404NotFoundError()
    {
        await using var host = await GatewayHost.StartAsync(ThreeModels);

        var (status, body) = await GetAsync(host, "/v1/models/beta", anthropic: true);
        var (missingStatus, missing) = await GetAsync(host, "/v1/models/no-such-model", anthropic: true);

        Assert.Equal(HttpStatusCode.OK, status);
        var model = JsonDocument.Parse(body).RootElement;
        Assert.Equal("model", model.GetProperty("type").GetString());
        Assert.Equal("beta", model.GetProperty("id").GetString());
        Assert.Equal("1970-01-01T00:00:00Z", model.GetProperty("created_at").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missingStatus);
        var error = JsonDocument.Parse(missing).RootElement;
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("not_found_error", error.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Sdk_ListPagesThroughEveryModel_AndRetrievesOne()
    {
        await using var host = await GatewayHost.StartAsync(ThreeModels);
        using var client = new AnthropicClient(new global::Anthropic.Core.ClientOptions { ApiKey = GatewayHost.AdminKey, BaseUrl = host.BaseUrl.ToString().TrimEnd('/'), MaxRetries = 0 });

        var (_, all) = await GetAsync(host, "/v1/models", anthropic: true);
        var expected = JsonDocument.Parse(all).RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
        var ids = new List<string>();
        await foreach (var model in (await client.Models.List(new ModelListParams { Limit = 1 })).Paginate())
        {
            ids.Add(model.ID);
        }

        var beta = await client.Models.Retrieve("beta");

        Assert.Equal(expected, ids);
        Assert.Contains("gamma", ids);
        Assert.Equal("beta", beta.ID);
        Assert.Equal(DateTimeOffset.UnixEpoch, beta.CreatedAt);
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(GatewayHost host, string path, bool anthropic)
    {
        using var client = host.CreateClient(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (anthropic)
        {
            request.Headers.Add("x-api-key", GatewayHost.AdminKey);
            request.Headers.Add("anthropic-version", "2023-06-01");
        }
        else
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayHost.AdminKey);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
