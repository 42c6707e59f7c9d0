using Switchboard.Core.Secrets;

namespace Switchboard.Core.Tests.Secrets;

public sealed class MasterKeyResolverTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sb-masterkey-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Resolve_PrimaryVariableSet_WinsOverAliasAndFile()
    {
        WriteKeyFile("from-file");
        var environment = Env(("SWITCHBOARD_MASTER_KEY", "primary"), ("LLM_KEY", "alias"));

        var resolution = MasterKeyResolver.Resolve(_directory, environment);

        Assert.Equal("primary", resolution.Key);
        Assert.Equal(MasterKeySource.Environment, resolution.Source);
        Assert.Null(resolution.FilePath);
        Assert.False(resolution.Generated);
    }

    [Fact]
    public void Resolve_OnlyAliasSet_UsesAlias()
    {
        WriteKeyFile("from-file");

        var resolution = MasterKeyResolver.Resolve(_directory, Env(("SWITCHBOARD_MASTER_KEY", "  "), ("LLM_KEY", " alias\n")));

        Assert.Equal("alias", resolution.Key);
        Assert.Equal(MasterKeySource.Alias, resolution.Source);
    }

    [Fact]
    public void Resolve_NoVariablesAndExistingFile_ReadsFile()
    {
        var path = WriteKeyFile("from-file\n");

        var resolution = MasterKeyResolver.Resolve(_directory, Env());

        Assert.Equal("from-file", resolution.Key);
        Assert.Equal(MasterKeySource.File, resolution.Source);
        Assert.Equal(path, resolution.FilePath);
    }

    [Fact]
    public void Resolve_NothingConfigured_GeneratesOwnerOnlyKeyFile()
    {
        var resolution = MasterKeyResolver.Resolve(_directory, Env());

        Assert.True(resolution.Generated);
        Assert.Equal(MasterKeySource.Generated, resolution.Source);
        Assert.Equal(Path.Combine(_directory, MasterKeyResolver.KeyFileName), resolution.FilePath);
        Assert.Equal(32, Convert.FromBase64String(resolution.Key).Length);
        Assert.Equal(resolution.Key, File.ReadAllText(resolution.FilePath!));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(resolution.FilePath!));
        }

        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Resolve_SecondCall_ReusesGeneratedKey()
    {
        var first = MasterKeyResolver.Resolve(_directory, Env());

        var second = MasterKeyResolver.Resolve(_directory, Env());

        Assert.True(first.Generated);
        Assert.False(second.Generated);
        Assert.Equal(MasterKeySource.File, second.Source);
        Assert.Equal(first.Key, second.Key);
    }

    [Fact]
    public void Resolve_ConcurrentFirstStarts_AgreeOnOneKey()
    {
        var keys = new string[8];

        Parallel.For(0, keys.Length, i => keys[i] = MasterKeyResolver.Resolve(_directory, Env()).Key);

        Assert.Single(keys.Distinct(StringComparer.Ordinal));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Resolve_EmptyKeyFile_ThrowsInsteadOfReplacingIt()
    {
        var path = WriteKeyFile("   \n");

        var error = Assert.Throws<InvalidOperationException>(() => MasterKeyResolver.Resolve(_directory, Env()));

        Assert.Contains("SWITCHBOARD_MASTER_KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal("   \n", File.ReadAllText(path));
    }

    [Fact]
    public void ToString_Resolution_LeavesTheKeyOut()
    {
        var resolution = MasterKeyResolver.Resolve(_directory, Env(("SWITCHBOARD_MASTER_KEY", "super-secret-master")));

        Assert.DoesNotContain("super-secret-master", resolution.ToString(), StringComparison.Ordinal);
        Assert.Contains("Environment", resolution.ToString(), StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    private string WriteKeyFile(string content)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, MasterKeyResolver.KeyFileName);
        File.WriteAllText(path, content);
        return path;
    }
}
