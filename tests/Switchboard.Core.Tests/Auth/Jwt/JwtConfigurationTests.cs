using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Core.Auth.Jwt;
using static Switchboard.Core.Tests.Auth.Jwt.TestTokens;

namespace Switchboard.Core.Tests.Auth.Jwt;

/// <summary>Sign-in options, their validation at construction, and the token-shape check the authenticator uses.</summary>
public sealed class JwtConfigurationTests : JwtValidatorTestBase
{
    // ---- Configuration -----------------------------------------------------------------------------------------

    [Fact]
    public async Task ValidateAsync_NothingConfigured_IsNotConfigured()
    {
        var options = new JwtSignInOptions();
        var validator = new JwtValidator(Options.Create(options));

        Assert.False(options.IsConfigured);
        Assert.False(validator.IsConfigured);
        AssertRefused(await validator.ValidateAsync(TestTokens.Hmac(Payload())), JwtSignInResult.NotConfiguredFailure);
    }

    [Fact]
    public void Options_Defaults_AreSubAndThirtySeconds()
    {
        var options = new JwtSignInOptions();

        Assert.Equal("Switchboard:Auth:Jwt", JwtSignInOptions.SectionName);
        Assert.Equal("sub", options.UserIdClaim);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ClockSkew);
        Assert.Null(options.TierClaim);
        Assert.Null(options.RoleClaim);
    }

    [Theory]
    [InlineData(nameof(JwtSignInOptions.HmacSecret))]
    [InlineData(nameof(JwtSignInOptions.RsaPublicKeyPem))]
    [InlineData(nameof(JwtSignInOptions.RsaPublicKeyFile))]
    [InlineData(nameof(JwtSignInOptions.JwksFile))]
    public void Options_IsConfigured_WhenAnyKeyMaterialIsSet(string property)
    {
        var options = new JwtSignInOptions();
        typeof(JwtSignInOptions).GetProperty(property)!.SetValue(options, "value");

        Assert.True(options.IsConfigured);
    }

    [Fact]
    public void Constructor_ShortHmacSecret_ThrowsNamingOption_WithoutSecret()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Create(options => options.HmacSecret = "short-secret"));

        Assert.Contains("Switchboard:Auth:Jwt:HmacSecret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadPemText_ThrowsNamingOption()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Create(options => options.RsaPublicKeyPem = "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----"));

        Assert.Contains("RsaPublicKeyPem", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingPemFile_ThrowsNamingOptionAndPath()
    {
        var path = Path.Combine(ScratchDirectory, "missing.pem");

        var exception = Assert.Throws<InvalidOperationException>(() => Create(options => options.RsaPublicKeyFile = path));

        Assert.Contains("RsaPublicKeyFile", exception.Message, StringComparison.Ordinal);
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PemFileWithoutKey_ThrowsNamingOption()
    {
        var path = WriteFile("empty.pem", "hello");

        var exception = Assert.Throws<InvalidOperationException>(() => Create(options => options.RsaPublicKeyFile = path));

        Assert.Contains("RsaPublicKeyFile", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"keys\":[]}")]
    [InlineData("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}")]
    [InlineData("{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}")]
    public void Constructor_JwksWithoutRsaSigningKey_ThrowsNamingOption(string json)
    {
        var path = WriteFile("bad.json", json);

        var exception = Assert.Throws<InvalidOperationException>(() => Create(options => options.JwksFile = path));

        Assert.Contains("JwksFile", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WeakRsaKey_Throws()
    {
        using var weak = RSA.Create(1024);

        var exception = Assert.Throws<InvalidOperationException>(() => Create(options => options.RsaPublicKeyPem = weak.ExportSubjectPublicKeyInfoPem()));

        Assert.Contains("2048", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BlankUserClaimOrNegativeSkew_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Hmac(options => options.UserIdClaim = " "));
        Assert.Throws<InvalidOperationException>(() => Hmac(options => options.ClockSkew = TimeSpan.FromSeconds(-1)));
    }

    // ---- LooksLikeJwt ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.")]
    [InlineData("eyJ-_.eyJ.A-_b")]
    public void LooksLikeJwt_ThreeBase64UrlSegments_IsTrue(string token)
    {
        Assert.True(JwtValidator.LooksLikeJwt(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sb-0123456789abcdefghijABCDEFGHIJ01")]
    [InlineData("sk-proj-abc.def.ghi")]
    [InlineData("abc.def.ghi")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9..c2ln")]
    [InlineData(".eyJzdWIiOiIxIn0.c2ln")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln.more")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln=")]
    [InlineData("eyJhbGci+IUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2 ln")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln")]
    public void LooksLikeJwt_OtherShapes_IsFalse(string token)
    {
        Assert.False(JwtValidator.LooksLikeJwt(token));
    }

    [Fact]
    public void LooksLikeJwt_RealTokens_IsTrue()
    {
        Assert.True(JwtValidator.LooksLikeJwt(TestTokens.Hmac(Payload())));
        Assert.True(JwtValidator.LooksLikeJwt(TestTokens.Rsa(Payload(), IssuerKey, "key-1")));
        Assert.True(JwtValidator.LooksLikeJwt(Unsigned(Payload())));
    }
}
