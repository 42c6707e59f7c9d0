using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Core.Auth.Jwt;
using static Switchboard.Core.Tests.Auth.Jwt.TestTokens;

namespace Switchboard.Core.Tests.Auth.Jwt;

/// <summary>Shared keys, validator builders and a scratch directory for the <see cref="JwtValidator"/> tests.</summary>
public abstract class JwtValidatorTestBase : IDisposable
{
    // Generating RSA keys is slow; the tests share a few, each used as the trusted or the attacker's key.
    protected static readonly RSA IssuerKey = RSA.Create(2048);
    protected static readonly RSA SecondIssuerKey = RSA.Create(2048);
    protected static readonly RSA AttackerKey = RSA.Create(2048);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sb-jwt-" + Guid.NewGuid().ToString("N"));

    protected JwtValidatorTestBase() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected static string IssuerPublicPem => IssuerKey.ExportSubjectPublicKeyInfoPem();

    protected static JwtValidator Create(Action<JwtSignInOptions> configure)
    {
        var options = new JwtSignInOptions();
        configure(options);
        return new JwtValidator(Options.Create(options));
    }

    protected static JwtValidator Hmac(Action<JwtSignInOptions>? configure = null) => Create(options =>
    {
        options.HmacSecret = Secret;
        configure?.Invoke(options);
    });

    protected static JwtValidator RsaPem(Action<JwtSignInOptions>? configure = null) => Create(options =>
    {
        options.RsaPublicKeyPem = IssuerPublicPem;
        configure?.Invoke(options);
    });

    protected string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    protected static void AssertRefused(JwtSignInResult result, string failure)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(failure, result.Failure);
        Assert.Null(result.UserId);
        Assert.Null(result.Tier);
        Assert.Null(result.Role);
    }

    /// <summary>Gets the scratch directory, for paths that must not exist.</summary>
    protected string ScratchDirectory => _directory;
}
