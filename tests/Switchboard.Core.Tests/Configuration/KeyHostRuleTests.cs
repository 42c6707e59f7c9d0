using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Tests.Configuration;

public sealed class KeyHostRuleTests
{
    [Theory]
    [InlineData("https://api.example.com/v1", "https://api.example.com/v2")]
    [InlineData("https://api.example.com/v1", "https://API.Example.COM/v1/")]
    [InlineData("https://api.example.com/v1", "https://api.example.com:443/v1")]
    [InlineData("http://api.example.com", "http://api.example.com:80/x")]
    [InlineData("https://api.example.com.", "https://api.example.com/v1")]
    [InlineData("HTTPS://api.example.com", "https://api.example.com")]
    [InlineData("http://[::1]:8080/v1", "http://[0:0:0:0:0:0:0:1]:8080/v2")]
    [InlineData("not a url", "not a url")]
    public void MovesKeys_SameOrigin_IsFalse(string from, string to) => Assert.False(KeyHostRule.MovesKeys(from, to));

    [Theory]
    [InlineData("https://api.example.com/v1", "https://api.example.org/v1")]
    [InlineData("https://api.example.com/v1", "http://api.example.com/v1")]
    [InlineData("https://api.example.com/v1", "https://api.example.com:8443/v1")]
    [InlineData("https://api.example.com/v1", "https://evil.api.example.com/v1")]
    [InlineData("https://api.example.com/v1", "https://api.example.com@evil.example/v1")]
    [InlineData("http://localhost:8080", "http://127.0.0.1:8080")]
    [InlineData("https://api.example.com", "")]
    [InlineData("https://api.example.com", null)]
    [InlineData("not a url", "https://api.example.com")]
    [InlineData("not a url", "not a url either")]
    public void MovesKeys_AnotherOrigin_IsTrue(string? from, string? to) => Assert.True(KeyHostRule.MovesKeys(from, to));

    [Fact]
    public void Origin_WritesSchemeLowerCaseHostAndPort()
    {
        Assert.Equal("https://api.example.com:443", KeyHostRule.Origin("HTTPS://API.example.com./v1?x=1"));
        Assert.Equal("http://127.0.0.1:8080", KeyHostRule.Origin("http://127.0.0.1:8080"));
        Assert.Null(KeyHostRule.Origin("ftp://files.example.com"));
        Assert.Null(KeyHostRule.Origin("/relative/path"));
        Assert.Null(KeyHostRule.Origin(null));
    }
}
