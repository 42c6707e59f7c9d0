using System.Buffers.Binary;
using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using global::OpenAI;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.OpenAI;

/// <summary><c>encoding_format: "base64"</c> on <c>/v1/embeddings</c> gets base64 float32 vectors from every provider, equal to the float answer.</summary>
public sealed class EmbeddingEncodingTests
{
    private static readonly float[] UpstreamVector = [0.25f, -0.5f, 0.125f, 1e-7f];

    [Fact]
    public async Task Demo_Base64_DecodesToTheFloatAnswer_NotZeros()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient();

        var floats = await EmbedAsync(client, "demo-embedding", "float");
        var base64 = await EmbedAsync(client, "demo-embedding", "base64");
        var unspecified = await EmbedAsync(client, "demo-embedding", null);

        Assert.Equal(JsonValueKind.Array, floats.ValueKind);
        Assert.Equal(JsonValueKind.String, base64.ValueKind);
        var decoded = Decode(base64.GetString()!);
        Assert.Contains(decoded, v => v != 0);
        Assert.Equal(floats.EnumerateArray().Select(v => v.GetSingle()), decoded);
        Assert.Equal(floats.GetRawText(), unspecified.GetRawText());
    }

    [Fact]
    public async Task OpenAISdk_DefaultRequest_GetsTheDemoVector()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient();
        var expected = (await EmbedAsync(client, "demo-embedding", "float")).EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var sdk = new OpenAIClient(new ApiKeyCredential(GatewayHost.AdminKey), new OpenAIClientOptions { Endpoint = new Uri(host.BaseUrl, "v1") });

        var embedding = await sdk.GetEmbeddingClient("demo-embedding").GenerateEmbeddingAsync("Hello");

        Assert.Equal(expected, embedding.Value.ToFloats().ToArray());
    }

    [Fact]
    public async Task OpenAIUpstreamAnsweringFloats_ClientAskedBase64_GetsBase64OfThoseFloats()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, EmbeddingAnswer(JsonSerializer.SerializeToElement(UpstreamVector)));
        await using var host = await GatewayHost.StartAsync(OpenAIYaml(upstream));
        using var client = host.CreateClient();

        var base64 = await EmbedAsync(client, "vec", "base64");

        Assert.Equal(UpstreamVector, Decode(base64.GetString()!));
        using var sent = upstream.LastRequest.Json();
        Assert.Equal("base64", sent.RootElement.GetProperty("encoding_format").GetString());
        var record = Assert.Single(await host.FlushUsageAsync());
        Assert.Equal(5, record.Tokens.InputTokens);
    }

    [Fact]
    public async Task OpenAIUpstreamAnsweringBase64_IsPassedOnAsItIs()
    {
        var encoded = Convert.ToBase64String(Bytes(UpstreamVector));
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, EmbeddingAnswer(JsonSerializer.SerializeToElement(encoded)));
        await using var host = await GatewayHost.StartAsync(OpenAIYaml(upstream));
        using var client = host.CreateClient();

        var base64 = await EmbedAsync(client, "vec", "base64");

        Assert.Equal(encoded, base64.GetString());
    }

    [Fact]
    public async Task GeminiUpstream_Base64_IsTheLittleEndianFloatsOfItsValues()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, JsonSerializer.Serialize(new { embeddings = new[] { new { values = UpstreamVector } } }));
        await using var host = await GatewayHost.StartAsync($"""
            platforms:
              gem:
                kind: gemini
                base_url: {upstream.BaseUrl}v1beta
                api_key: sk-gem-0001
                models:
                  vec:
                    model_name: text-embedding-004
                    type: embedding
            """);
        using var client = host.CreateClient();

        var base64 = await EmbedAsync(client, "vec", "base64");
        var floats = await EmbedAsync(client, "vec", "float");

        Assert.Equal(UpstreamVector, Decode(base64.GetString()!));
        Assert.Equal(UpstreamVector, floats.EnumerateArray().Select(v => v.GetSingle()));
    }

    [Theory]
    [InlineData("\"int8\"")]
    [InlineData("7")]
    public async Task UnknownEncodingFormat_Is400(string format)
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient();

        var response = await client.PostAsync("v1/embeddings", new StringContent($$"""{"model":"demo-embedding","input":"x","encoding_format":{{format}}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("encoding_format", error.GetProperty("param").GetString());
        Assert.Equal("invalid_value", error.GetProperty("code").GetString());
    }

    private static string OpenAIYaml(FakeUpstream upstream) => $"""
        platforms:
          up:
            kind: openai
            base_url: {upstream.BaseUrl}v1
            api_key: sk-up-0001
            models:
              vec:
                model_name: text-embedding-3-small
                type: embedding
        """;

    private static string EmbeddingAnswer(JsonElement embedding) => JsonSerializer.Serialize(new
    {
        @object = "list",
        data = new[] { new { @object = "embedding", index = 0, embedding } },
        model = "text-embedding-3-small",
        usage = new { prompt_tokens = 5, total_tokens = 5 },
    });

    private static async Task<JsonElement> EmbedAsync(HttpClient client, string model, string? format)
    {
        var response = await client.PostAsJsonAsync("v1/embeddings", format is null ? new { model, input = "Hello" } : (object)new { model, input = "Hello", encoding_format = format });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("data")[0].GetProperty("embedding").Clone();
    }

    private static float[] Decode(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        var values = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return values;
    }

    private static byte[] Bytes(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return bytes;
    }
}
