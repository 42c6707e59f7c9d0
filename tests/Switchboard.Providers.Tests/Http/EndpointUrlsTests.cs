using Switchboard.Providers.Http;

namespace Switchboard.Providers.Tests.Http;

/// <summary>Checks upstream URL building and its cache: the same inputs give the same instance, and base URLs that a Uri comparison would merge stay apart.</summary>
public sealed class EndpointUrlsTests
{
    [Theory]
    [InlineData("https://api.example.test/v1", "chat/completions", null, "https://api.example.test/v1/chat/completions")]
    [InlineData("https://api.example.test/v1/", "/chat/completions", null, "https://api.example.test/v1/chat/completions")]
    [InlineData("https://api.example.test/openai?tenant=7", "models", "api-version=2024-10-21", "https://api.example.test/openai/models?tenant=7&api-version=2024-10-21")]
    [InlineData("https://api.example.test/v1beta", "models/gemini-pro:streamGenerateContent", "alt=sse", "https://api.example.test/v1beta/models/gemini-pro:streamGenerateContent?alt=sse")]
    public void Append_JoinsPathAndQuery(string baseUrl, string path, string? query, string expected)
    {
        Assert.Equal(expected, EndpointUrls.Append(new Uri(baseUrl), path, query).AbsoluteUri);
    }

    [Fact]
    public void Append_KeepsTheBuiltUrl_ForTheSameInputs()
    {
        var first = EndpointUrls.Append(new Uri("https://kept.example.test/v1"), "chat/completions");
        var second = EndpointUrls.Append(new Uri("https://kept.example.test/v1"), "chat/completions");

        Assert.Same(first, second);
        Assert.NotSame(first, EndpointUrls.Append(new Uri("https://kept.example.test/v1"), "embeddings"));
    }

    [Fact]
    public void Append_KeepsBaseUrlsApart_ThatUriEqualityWouldMerge()
    {
        // Uri equality ignores user info: two platforms differing only there must never share a URL (and its credentials).
        var alice = new Uri("https://alice:one@merge.example.test/v1");
        var bob = new Uri("https://bob:two@merge.example.test/v1");
        Assert.Equal(alice, bob);

        Assert.Equal("alice:one", EndpointUrls.Append(alice, "chat/completions").UserInfo);
        Assert.Equal("bob:two", EndpointUrls.Append(bob, "chat/completions").UserInfo);
    }
}
