using Switchboard.Core.Secrets;

namespace Switchboard.Core.Tests.Secrets;

public sealed class SecretContextsTests
{
    [Fact]
    public void PlatformKey_PlainParts_MatchesDocumentedFormat()
    {
        Assert.Equal("sb:key:-1:qwen", SecretContexts.PlatformKey("-1", "qwen"));
        Assert.Equal("sb:key:user_123:阿里云百炼", SecretContexts.PlatformKey("user_123", "阿里云百炼"));
    }

    [Fact]
    public void PlatformKey_PartsContainingSeparators_DoNotCollide()
    {
        Assert.NotEqual(SecretContexts.PlatformKey("a:b", "c"), SecretContexts.PlatformKey("a", "b:c"));
        Assert.NotEqual(SecretContexts.PlatformKey("a%3Ab", "c"), SecretContexts.PlatformKey("a:b", "c"));
    }

    [Fact]
    public void Constants_FileAndCheck_AreDistinctFromKeyContexts()
    {
        Assert.Equal("sb:file", SecretContexts.File);
        Assert.Equal("sb:check", SecretContexts.MasterKeyCheck);
    }
}
