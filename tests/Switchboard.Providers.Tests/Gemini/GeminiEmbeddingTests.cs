using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Gemini.GeminiTestKit;

namespace Switchboard.Providers.Tests.Gemini;

public sealed class GeminiEmbeddingTests : IAsyncLifetime
{
    private const string Vectors = """{"embeddings":[{"values":[0.0123,-0.5,1]},{"values":[0.25,0.5,0.75]}]}""";
    private FakeUpstream _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeUpstream.StartAsync();
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, Vectors);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task EmbedAsync_Batch_SendsBatchEmbedContentsAndMapsVectors()
    {
        var call = Embedding("""{"model":"e","input":["one","two"],"dimensions":3}""", extraBody: """{"taskType":"RETRIEVAL_DOCUMENT"}""");

        var result = await Provider().EmbedAsync(call, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var request = _fake.LastRequest;
        Assert.Equal("/v1beta/models/gemini-embedding-001:batchEmbedContents", request.Path);
        Assert.Equal("", request.Query);
        Assert.Equal(Key, request.Header("x-goog-api-key"));
        AssertJsonEqual("""
        {"requests":[
          {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"one"}]},"outputDimensionality":3,"taskType":"RETRIEVAL_DOCUMENT"},
          {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"two"}]},"outputDimensionality":3,"taskType":"RETRIEVAL_DOCUMENT"}
        ]}
        """, request.BodyText);
        AssertJsonEqual("""
        {"object":"list","data":[
          {"object":"embedding","index":0,"embedding":[0.0123,-0.5,1]},
          {"object":"embedding","index":1,"embedding":[0.25,0.5,0.75]}
        ],"model":"gemini-embedding-001","usage":{"prompt_tokens":0,"total_tokens":0}}
        """, Encoding.UTF8.GetString(result.Value!.Json.Span));
        Assert.Equal(UsageSource.None, result.Value.UsageSource);
    }

    [Fact]
    public async Task EmbedAsync_Base64Format_EncodesLittleEndianFloats()
    {
        var result = await Provider().EmbedAsync(Embedding("""{"model":"e","input":"one","encoding_format":"base64"}"""), CancellationToken.None);

        var data = JsonNode.Parse(result.Value!.Json.Span)!["data"]![1]!["embedding"]!.GetValue<string>();
        var bytes = Convert.FromBase64String(data);
        Assert.Equal(12, bytes.Length);
        Assert.Equal(0.75f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8)));
    }

    [Fact]
    public async Task EmbedAsync_TokenIds_ReturnsInvalidRequest()
    {
        var result = await Provider().EmbedAsync(Embedding("""{"model":"e","input":[1,2,3]}"""), CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.InvalidRequest, result.Error!.Kind);
        Assert.Equal("input", result.Error.Param);
        Assert.Empty(_fake.Requests);
    }

    private EmbeddingCall Embedding(string body, string? extraBody = null) => new()
    {
        Body = Encoding.UTF8.GetBytes(body),
        Target = Target(_fake, model: "gemini-embedding-001", extraBody: extraBody),
    };
}
