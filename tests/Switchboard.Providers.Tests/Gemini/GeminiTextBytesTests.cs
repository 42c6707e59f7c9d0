using System.Text;
using System.Text.Json;
using Switchboard.Providers.Gemini;

namespace Switchboard.Providers.Tests.Gemini;

public sealed class GeminiTextBytesTests
{
    [Theory]
    [InlineData("\"plain\"")]
    [InlineData("\"\"")]
    [InlineData("\"a\\nb\\t\\\"q\\\" \\\\ \\/\"")]
    [InlineData("\"\\u003cb\\u003e \\u00e9 \\u4e2d\"")]
    [InlineData("\"emoji \\ud83d\\ude00 and raw 😀 中\"")]
    public void Count_EscapedToken_EqualsDecodedUtf8Length(string token)
    {
        var raw = Encoding.UTF8.GetBytes(token);
        var decoded = JsonDocument.Parse(raw).RootElement.GetString()!;

        Assert.Equal(Encoding.UTF8.GetByteCount(decoded), GeminiTextBytes.Count(raw));
    }
}
