using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Core.Auth.Jwt;
using static Switchboard.Core.Tests.Auth.Jwt.TestTokens;

namespace Switchboard.Core.Tests.Auth.Jwt;

/// <summary>Valid tokens under each kind of key material: HS256 secrets, RS256 PEM text, PEM files, certificates and JWKS files.</summary>
public sealed class JwtKeyMaterialTests : JwtValidatorTestBase
{
    // ---- HS256 -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task ValidateAsync_ValidHs256_ReturnsUserIdAndTier()
    {
        var validator = Hmac(options => options.TierClaim = "tier");

        var result = await validator.ValidateAsync(TestTokens.Hmac(Payload(("tier", "pro"))));

        Assert.True(result.Succeeded);
        Assert.Null(result.Failure);
        Assert.Equal("user-123", result.UserId);
        Assert.Equal("pro", result.Tier);
        Assert.Null(result.Role);
    }

    [Fact]
    public async Task ValidateAsync_NestedDottedClaims_ReadsTierAndRole()
    {
        var validator = Hmac(options =>
        {
            options.TierClaim = "app_metadata.tier";
            options.RoleClaim = "app_metadata.roles.primary";
        });
        var payload = Payload(("app_metadata", new Dictionary<string, object>
        {
            ["tier"] = "enterprise",
            ["roles"] = new Dictionary<string, string> { ["primary"] = "admin" },
        }));

        var result = await validator.ValidateAsync(TestTokens.Hmac(payload));

        Assert.True(result.Succeeded);
        Assert.Equal("user-123", result.UserId);
        Assert.Equal("enterprise", result.Tier);
        Assert.Equal("admin", result.Role);
    }

    [Fact]
    public async Task ValidateAsync_ClaimNameWithDots_ReadsTopLevelClaimLiterally()
    {
        var validator = Hmac(options => options.TierClaim = "https://example.com/tier");

        var result = await validator.ValidateAsync(TestTokens.Hmac(Payload(("https://example.com/tier", "gold"))));

        Assert.True(result.Succeeded);
        Assert.Equal("gold", result.Tier);
    }

    [Fact]
    public async Task ValidateAsync_ConfiguredTierClaimAbsentOrNotScalar_SucceedsWithoutTier()
    {
        var validator = Hmac(options =>
        {
            options.TierClaim = "app_metadata.tier";
            options.RoleClaim = "role";
        });

        var result = await validator.ValidateAsync(TestTokens.Hmac(Payload(("role", new[] { "a", "b" }))));

        Assert.True(result.Succeeded);
        Assert.Equal("user-123", result.UserId);
        Assert.Null(result.Tier);
        Assert.Null(result.Role);
    }

    [Fact]
    public async Task ValidateAsync_CustomUserIdClaim_NumericValue_ReturnsItAsText()
    {
        var validator = Hmac(options => options.UserIdClaim = "user_id");

        var result = await validator.ValidateAsync(TestTokens.Hmac(Payload(("user_id", 98765))));

        Assert.True(result.Succeeded);
        Assert.Equal("98765", result.UserId);
    }

    [Fact]
    public async Task ValidateAsync_LargerHmacSizes_AreAcceptedWhenTheSecretIsLongEnough()
    {
        // RFC 7518 §3.2: the key must be at least the hash size. Secret is 55 bytes: enough for HS384, not HS512.
        var longSecret = new string('k', 64);
        var longValidator = Create(options => options.HmacSecret = longSecret);

        var hs384 = await Hmac().ValidateAsync(TestTokens.Hmac(Payload(), alg: "HS384"));
        var hs512WithShortSecret = await Hmac().ValidateAsync(TestTokens.Hmac(Payload(), alg: "HS512"));
        var hs512WithLongSecret = await longValidator.ValidateAsync(TestTokens.Hmac(Payload(), longSecret, alg: "HS512"));

        Assert.True(hs384.Succeeded);
        Assert.Equal("user-123", hs384.UserId);
        AssertRefused(hs512WithShortSecret, JwtSignInResult.AlgorithmNotAllowedFailure);
        Assert.True(hs512WithLongSecret.Succeeded);
    }

    // ---- RS256 -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task ValidateAsync_ValidRs256_WithPemText_Succeeds()
    {
        var validator = RsaPem(options => options.TierClaim = "tier");

        var result = await validator.ValidateAsync(TestTokens.Rsa(Payload(("tier", "free")), IssuerKey));

        Assert.True(result.Succeeded);
        Assert.Equal("user-123", result.UserId);
        Assert.Equal("free", result.Tier);
    }

    [Fact]
    public async Task ValidateAsync_PemTextWithEscapedLineBreaks_Succeeds()
    {
        // The form a PEM takes when pasted into a one-line environment variable.
        var validator = Create(options => options.RsaPublicKeyPem = IssuerPublicPem.Replace("\n", "\\n", StringComparison.Ordinal));

        var result = await validator.ValidateAsync(TestTokens.Rsa(Payload(), IssuerKey));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task ValidateAsync_ValidRs256_WithPemFile_Succeeds()
    {
        var path = WriteFile("issuer.pem", IssuerPublicPem);
        var validator = Create(options => options.RsaPublicKeyFile = path);

        var result = await validator.ValidateAsync(TestTokens.Rsa(Payload(), IssuerKey, kid: "any-kid"));

        Assert.True(result.Succeeded);
        Assert.Equal("user-123", result.UserId);
    }

    [Fact]
    public async Task ValidateAsync_PrivateKeyPem_UsesPublicHalf()
    {
        var validator = Create(options => options.RsaPublicKeyPem = IssuerKey.ExportPkcs8PrivateKeyPem());

        var result = await validator.ValidateAsync(TestTokens.Rsa(Payload(), IssuerKey));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task ValidateAsync_CertificatePem_Succeeds()
    {
        var request = new CertificateRequest("CN=issuer", IssuerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var validator = Create(options => options.RsaPublicKeyPem = certificate.ExportCertificatePem());

        var result = await validator.ValidateAsync(TestTokens.Rsa(Payload(), IssuerKey));

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("key-1")]
    [InlineData("key-2")]
    public async Task ValidateAsync_ValidRs256_WithJwksFile_UsesKeyNamedByKid(string kid)
    {
        var path = WriteFile("jwks.json", Jwks((IssuerKey, "key-1"), (SecondIssuerKey, "key-2")));
        var validator = Create(options => options.JwksFile = path);
        var signingKey = kid == "key-1" ? IssuerKey : SecondIssuerKey;

        var result = await validator.ValidateAsync(TestTokens.Rsa(Payload(), signingKey, kid));

        Assert.True(result.Succeeded);
        Assert.Equal("user-123", result.UserId);
    }

    [Fact]
    public async Task ValidateAsync_Jwks_TokenSignedByUnlistedKey_IsBadSignature()
    {
        var path = WriteFile("jwks.json", Jwks((IssuerKey, "key-1")));
        var validator = Create(options => options.JwksFile = path);

        AssertRefused(await validator.ValidateAsync(TestTokens.Rsa(Payload(), AttackerKey, "key-1")), JwtSignInResult.BadSignatureFailure);
        AssertRefused(await validator.ValidateAsync(TestTokens.Rsa(Payload(), AttackerKey, "unknown")), JwtSignInResult.BadSignatureFailure);
        AssertRefused(await validator.ValidateAsync(TestTokens.Rsa(Payload(), AttackerKey)), JwtSignInResult.BadSignatureFailure);
    }

    [Fact]
    public async Task ValidateAsync_Rs256SignedByOtherKey_IsBadSignature()
    {
        var result = await RsaPem().ValidateAsync(TestTokens.Rsa(Payload(), AttackerKey));

        AssertRefused(result, JwtSignInResult.BadSignatureFailure);
    }
}
