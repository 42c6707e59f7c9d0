using System.Net;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>A model's type through the sys-platform route: declared <c>type</c> or <c>is_embedding</c> kept, undeclared inferred from the upstream name, and the models then serve as that type.</summary>
public sealed class PlatformModelTypeTests : AdminTenancyTestBase
{
    [Fact]
    public async Task SysPlatform_ModelTypes_AreKeptOrInferred_AndServeAsThatType()
    {
        var created = (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new
        {
            name = "vectors",
            kind = "demo",
            models = new Dictionary<string, object>
            {
                ["vec-declared"] = new { model_name = "demo-embedding", type = "embedding" },
                ["vec-flag"] = new { model_name = "demo-embedding", is_embedding = true },
                ["vec-named"] = "text-embedding-v3",
                ["chat-named"] = "demo",
                ["chat-declared"] = new { model_name = "demo-embedder", type = "chat" },
            },
        })).AssertStatus(HttpStatusCode.Created);
        Assert.Equal("embedding", created.Json.GetProperty("models").Find("display_name", "vec-declared").GetProperty("type").GetString());

        var models = (await Admin.GetJsonAsync("api/ai/admin/sys-platforms")).Json.GetProperty("data").Find("name", "vectors").GetProperty("models");
        Assert.Equal("embedding", models.Find("display_name", "vec-declared").GetProperty("type").GetString());
        Assert.Equal("embedding", models.Find("display_name", "vec-flag").GetProperty("type").GetString());
        Assert.Equal("embedding", models.Find("display_name", "vec-named").GetProperty("type").GetString());
        Assert.Equal("chat", models.Find("display_name", "chat-named").GetProperty("type").GetString());
        Assert.Equal("chat", models.Find("display_name", "chat-declared").GetProperty("type").GetString());
        var listed = (await Admin.GetJsonAsync("v1/models")).Json.GetProperty("data");
        Assert.Equal("embedding", listed.Find("id", "vec-declared").GetProperty("type").GetString());
        Assert.Equal("chat", listed.Find("id", "chat-declared").GetProperty("type").GetString());

        // An embedding model serves /v1/embeddings and is refused for chat, as the type says.
        (await Admin.SendJsonAsync(HttpMethod.Post, "v1/embeddings", new { model = "vec-declared", input = "hello" })).AssertStatus(HttpStatusCode.OK);
        Assert.NotEqual(HttpStatusCode.OK, (await Admin.ChatAsync("vec-declared")).Status);
    }

    [Fact]
    public async Task SysPlatform_UnknownModelType_Is400NamingTheField()
    {
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new
        {
            name = "odd",
            kind = "demo",
            models = new Dictionary<string, object> { ["x"] = new { model_name = "demo", type = "rerank" } },
        })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "models.x.type");

        var names = (await Admin.GetJsonAsync("api/ai/admin/sys-platforms")).Json.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.DoesNotContain("odd", names);
    }
}
