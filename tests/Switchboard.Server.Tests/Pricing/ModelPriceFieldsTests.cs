using System.Net;
using System.Text.Json;
using Switchboard.Server.Tests.Tenancy;

namespace Switchboard.Server.Tests.Pricing;

/// <summary>Sets platform models' provider prices, cache rates included, through the classic platform routes.</summary>
public sealed class ModelPriceFieldsTests : AdminTenancyTestBase
{
    [Fact]
    public async Task SysPlatformModels_CarryTheirPrices()
    {
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new
        {
            name = "priced",
            kind = "demo",
            base_url = "https://priced.switchboard.invalid",
            models = new Dictionary<string, object>
            {
                ["cheap"] = new { model_name = "demo", input_price = 2, output_price = 8, cached_input_price = 0.2, cache_write_price = 2.5, cache_write_1h_price = (decimal?)null },
                ["plain"] = "demo",
            },
        })).AssertStatus(HttpStatusCode.Created);

        var models = await ModelsAsync("priced");
        Assert.Equal((2m, 8m, 0.2m, 2.5m, JsonValueKind.Null), Prices(models["cheap"]));
        Assert.Equal((0m, 0m, JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null), Prices(models["plain"]));
    }

    [Fact]
    public async Task PlatformModelRoutes_SetChangeAndClearPrices()
    {
        var platformId = (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new { name = "routes", kind = "demo", base_url = "https://routes.switchboard.invalid" }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();

        var modelId = (await Admin.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{platformId}/models", new { model_name = "demo", display_name = "m", input_price = 1.5, cached_input_price = 0.15, cache_write_1h_price = 3 }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();
        Assert.Equal((1.5m, 0m, 0.15m, JsonValueKind.Null, 3m), Prices((await ModelsAsync("routes"))["m"]));

        (await Admin.SendJsonAsync(HttpMethod.Put, $"api/ai/model/{modelId}", new { output_price = 4, cache_write_price = 1.875, cache_write_1h_price = (decimal?)null }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.Equal((1.5m, 4m, 0.15m, 1.875m, JsonValueKind.Null), Prices((await ModelsAsync("routes"))["m"]));
    }

    [Theory]
    [InlineData("""{"model_name":"demo","input_price":-1}""", "input_price")]
    [InlineData("""{"model_name":"demo","input_price":null}""", "input_price")]
    [InlineData("""{"model_name":"demo","cache_write_price":"cheap"}""", "cache_write_price")]
    [InlineData("""{"model_name":"demo","cache_write_1h_price":1000001}""", "cache_write_1h_price")]
    public async Task BadPrice_Is400NamingTheField(string body, string field)
    {
        var platformId = (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new { name = "bad", kind = "demo", base_url = "https://bad.switchboard.invalid" }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();

        (await Admin.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{platformId}/models", JsonDocument.Parse(body).RootElement))
            .AssertError(HttpStatusCode.BadRequest, "invalid_value", field);
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new
        {
            name = "bad-map",
            kind = "demo",
            base_url = "https://bad-map.switchboard.invalid",
            models = new Dictionary<string, JsonElement> { ["m"] = JsonDocument.Parse(body).RootElement },
        })).AssertError(HttpStatusCode.BadRequest, "invalid_value", $"models.m.{field}");
        Assert.Empty(await ModelsAsync("bad"));
    }

    private async Task<Dictionary<string, JsonElement>> ModelsAsync(string platform)
    {
        var config = (await Admin.GetJsonAsync("api/v1/debug/config")).AssertStatus(HttpStatusCode.OK).Json;
        return config.GetProperty("platforms").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == platform)
            .GetProperty("models").EnumerateArray()
            .ToDictionary(m => m.GetProperty("display_name").GetString()!, m => m.Clone());
    }

    private static (object, object, object, object, object) Prices(JsonElement model) =>
        (Price(model, "input_price"), Price(model, "output_price"), Price(model, "cached_input_price"), Price(model, "cache_write_price"), Price(model, "cache_write_1h_price"));

    private static object Price(JsonElement model, string name) =>
        model.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDecimal() : model.GetProperty(name).ValueKind;
}
