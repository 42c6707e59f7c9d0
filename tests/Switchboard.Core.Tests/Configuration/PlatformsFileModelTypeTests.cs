using Switchboard.Core.Configuration;

namespace Switchboard.Core.Tests.Configuration;

/// <summary>A model's type in the platforms file: a declared <c>type</c> or <c>is_embedding</c> is kept, and an undeclared one follows the upstream name.</summary>
public sealed class PlatformsFileModelTypeTests
{
    [Fact]
    public void Parse_ModelTypes_DeclaredKeptUndeclaredInferredFromUpstreamName()
    {
        var file = new PlatformsFileHarness().Parse("""
            platforms:
              up:
                base_url: https://llm.example.com/v1
                models:
                  plain-chat: qwen-flash
                  plain-embed: text-embedding-v3
                  map-embed: { model_name: bge-m3-Embed }
                  map-chat: { model_name: deepseek-chat }
                  declared-embedding: { model_name: my-vectors, type: embedding }
                  declared-embeddings: { model_name: my-vectors-2, type: Embeddings }
                  declared-chat: { model_name: embedder-chat, type: chat }
                  classic-flag: { model_name: my-vectors-3, is_embedding: true }
                  classic-flag-off: { model_name: text-embed-chat, is_embedding: false }
                  text-embedding-v4: { enabled: false }
            """);

        var types = Assert.Single(file.Platforms).Models.ToDictionary(m => m.DisplayName, m => m.Type);

        Assert.Equal("chat", types["plain-chat"]);
        Assert.Equal("embedding", types["plain-embed"]);
        Assert.Equal("embedding", types["map-embed"]);
        Assert.Equal("chat", types["map-chat"]);
        Assert.Equal("embedding", types["declared-embedding"]);
        Assert.Equal("embedding", types["declared-embeddings"]);
        Assert.Equal("chat", types["declared-chat"]);
        Assert.Equal("embedding", types["classic-flag"]);
        Assert.Equal("chat", types["classic-flag-off"]);
        Assert.Equal("embedding", types["text-embedding-v4"]);
    }

    [Fact]
    public void Parse_UnknownType_IsALocatedError()
    {
        var error = Assert.Throws<ConfigurationFileException>(() => new PlatformsFileHarness().Parse("""
            platforms:
              up:
                base_url: https://llm.example.com/v1
                models:
                  odd: { model_name: x, type: rerank }
            """));

        Assert.Contains("platforms.up.models.odd.type", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected chat or embedding, found 'rerank'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text-embedding-3-small", "embedding")]
    [InlineData("EMBED-large", "embedding")]
    [InlineData("gpt-4o", "chat")]
    [InlineData("qwen-flash", "chat")]
    public void Infer_FollowsTheUpstreamName(string upstream, string expected) => Assert.Equal(expected, ModelTypes.Infer(upstream));
}
