using System.Text;
using Switchboard.Core.Requests;

namespace Switchboard.Core.Tests.Requests;

/// <summary>The rules every client body meets before it is used: bounded nesting, valid UTF-8, paired surrogate escapes, and the field named when one is broken.</summary>
public sealed class RequestJsonTests
{
    [Theory]
    [InlineData("plain", true)]
    [InlineData(@"\u00e9\n\t\""", true)]
    [InlineData(@"\ud83d\ude00", true)]
    [InlineData(@"\\ud800", true)]
    [InlineData(@"\\\ud83d\ude00", true)]
    [InlineData(@"\ud800", false)]
    [InlineData(@"\udc00", false)]
    [InlineData(@"a\ud800b", false)]
    [InlineData(@"\ud800\ud800", false)]
    [InlineData(@"\ude00\ud83d", false)]
    [InlineData(@"\ud83d\n", false)]
    [InlineData(@"\ud83dx", false)]
    [InlineData(@"\uD83D\uDE00", true)]
    public void EscapesAreWellFormed_PairsEverySurrogate(string raw, bool expected) =>
        Assert.Equal(expected, RequestJson.EscapesAreWellFormed(Encoding.UTF8.GetBytes(raw)));

    [Theory]
    [InlineData("""{"a":{"b":[1,{"c":"\ud800"}]}}""", "a.b[1].c")]
    [InlineData("""{"a":[{"b":"ok"},{"b":"x\udfff"}]}""", "a[1].b")]
    [InlineData("""{"x\ud800":1}""", null)]
    public void Check_NamesTheFieldOfUnrepresentableText(string json, string? param)
    {
        var error = RequestJson.Check(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(error);
        Assert.Equal(("invalid_text", param), (error.Code, error.Param));
    }

    [Fact]
    public void Check_AcceptsSixtyFourLevels_AndRefusesSixtyFive()
    {
        Assert.Null(RequestJson.Check(Encoding.UTF8.GetBytes(new string('[', 64) + new string(']', 64))));

        var error = RequestJson.Check(Encoding.UTF8.GetBytes(new string('[', 65) + new string(']', 65)));

        Assert.NotNull(error);
        Assert.Contains("nested deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RefusesInvalidUtf8_NamingTheField()
    {
        byte[] body = [.. """{"ok":"fine","bad":"x"""u8, 0xC3, 0x28, .. "\"}"u8];

        var error = RequestJson.Check(body);

        Assert.NotNull(error);
        Assert.Equal(("invalid_text", "bad"), (error.Code, error.Param));
    }
}
