using Switchboard.Core.Secrets;

namespace Switchboard.Core.Tests.Secrets;

public sealed class SecretMaskerTests
{
    [Theory]
    [InlineData("sk-abcdefgh1234", "sk-a…1234")]
    [InlineData("abcdefghijkl", "abcd…ijkl")]
    [InlineData("abcdefghijk", "…jk")]
    [InlineData("abcdef", "…ef")]
    [InlineData("abcde", "****")]
    [InlineData("", "****")]
    [InlineData(null, "****")]
    public void Mask_Secret_ShowsOnlyEnds(string? secret, string expected)
    {
        Assert.Equal(expected, SecretMasker.Mask(secret));
    }

    [Fact]
    public void Mask_AnyLength_NeverRevealsMoreThanEightCharacters()
    {
        for (var length = 0; length <= 200; length++)
        {
            // Characters that cannot appear in the mask itself, so every one counted was revealed.
            var secret = new string('x', length);

            var masked = SecretMasker.Mask(secret);

            var revealed = masked.Count(c => c == 'x');
            Assert.True(revealed <= 8, $"length {length} revealed {revealed}");
            Assert.True(length == 0 || revealed < length, $"length {length} revealed everything");
        }
    }
}
