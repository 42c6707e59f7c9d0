using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Core.Auth.Jwt;
using static Switchboard.Core.Tests.Auth.Jwt.TestTokens;

namespace Switchboard.Core.Tests.Auth.Jwt;

public sealed class JwtValidatorTests : IDisposable
{
    // Generating RSA keys is slow; the tests share a few, each used as the trusted or the attacker's key.
    private static readonly RSA IssuerKey = RSA.Create(2048);
    private static readonly RSA SecondIssuerKey = RSA.Create(2048);
    private static readonly RSA AttackerKey = RSA.Create(2048);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sb-jwt-" + Guid.NewGuid().ToString("N"));

    public JwtValidatorTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string IssuerPublicPem => IssuerKey.ExportSubjectPublicKeyInfoPem();

    private static JwtValidator Create(Action<JwtSignInOptions> configure)
    {
        var options = new JwtSignInOptions();
        configure(options);
        return new JwtValidator(Options.Create(options));
    }

    private static JwtValidator Hmac(Action<JwtSignInOptions>? configure = null) => Create(options =>
    {
        options.HmacSecret = Secret;
        configure?.Invoke(options);
    });

    private static JwtValidator RsaPem(Action<JwtSignInOptions>? configure = null) => Create(options =>
    {
        options.RsaPublicKeyPem = IssuerPublicPem;
        configure?.Invoke(options);
    });

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static void AssertRefused(JwtSignInResult result, string failure)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(failure, result.Failure);
        Assert.Null(result.UserId);
        Assert.Null(result.Tier);
        Assert.Null(result.Role);
    }

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

    // ---- Lifetime ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task ValidateAsync_Expired_IsRefused()
    {
        var payload = Payload(("iat", UnixTime(TimeSpan.FromHours(-2))), ("exp", UnixTime(TimeSpan.FromHours(-1))));

        AssertRefused(await Hmac().ValidateAsync(TestTokens.Hmac(payload)), JwtSignInResult.ExpiredFailure);
        AssertRefused(await RsaPem().ValidateAsync(TestTokens.Rsa(payload, IssuerKey)), JwtSignInResult.ExpiredFailure);
    }

    [Fact]
    public async Task ValidateAsync_ExpiredWithinClockSkew_IsAccepted_AndRefusedWithoutSkew()
    {
        var token = TestTokens.Hmac(Payload(("exp", UnixTime(TimeSpan.FromSeconds(-10)))));

        var withDefaultSkew = await Hmac().ValidateAsync(token);
        var withoutSkew = await Hmac(options => options.ClockSkew = TimeSpan.Zero).ValidateAsync(token);

        Assert.True(withDefaultSkew.Succeeded);
        AssertRefused(withoutSkew, JwtSignInResult.ExpiredFailure);
    }

    [Fact]
    public async Task ValidateAsync_NotBeforeInFuture_IsRefused()
    {
        var payload = Payload(("nbf", UnixTime(TimeSpan.FromMinutes(5))), ("exp", UnixTime(TimeSpan.FromMinutes(20))));

        AssertRefused(await Hmac().ValidateAsync(TestTokens.Hmac(payload)), JwtSignInResult.NotYetValidFailure);
    }

    [Fact]
    public async Task ValidateAsync_NoExpiry_IsRefused()
    {
        var payload = Payload();
        payload.Remove("exp");

        AssertRefused(await Hmac().ValidateAsync(TestTokens.Hmac(payload)), JwtSignInResult.MissingExpiryFailure);
    }

    // ---- Signatures and algorithms -----------------------------------------------------------------------------

    [Fact]
    public async Task ValidateAsync_WrongSecret_IsBadSignature()
    {
        var token = TestTokens.Hmac(Payload(), secret: "another-secret-that-is-also-at-least-32-bytes");

        AssertRefused(await Hmac().ValidateAsync(token), JwtSignInResult.BadSignatureFailure);
    }

    [Fact]
    public async Task ValidateAsync_TamperedPayload_IsBadSignature()
    {
        var genuine = TestTokens.Hmac(Payload(("tier", "free")));
        var parts = genuine.Split('.');
        var forgedPayload = Encode(Payload(("sub", "admin"), ("tier", "enterprise")));
        var tampered = $"{parts[0]}.{forgedPayload}.{parts[2]}";

        var validator = Hmac(options => options.TierClaim = "tier");
        Assert.True((await validator.ValidateAsync(genuine)).Succeeded);
        AssertRefused(await validator.ValidateAsync(tampered), JwtSignInResult.BadSignatureFailure);
    }

    [Fact]
    public async Task ValidateAsync_TamperedRs256Payload_IsBadSignature()
    {
        var parts = TestTokens.Rsa(Payload(), IssuerKey).Split('.');
        var tampered = $"{parts[0]}.{Encode(Payload(("sub", "admin")))}.{parts[2]}";

        AssertRefused(await RsaPem().ValidateAsync(tampered), JwtSignInResult.BadSignatureFailure);
    }

    [Fact]
    public async Task ValidateAsync_AlgNone_IsRefusedWhateverIsConfigured()
    {
        var unsigned = Unsigned(Payload());
        var both = Create(options =>
        {
            options.HmacSecret = Secret;
            options.RsaPublicKeyPem = IssuerPublicPem;
        });

        AssertRefused(await Hmac().ValidateAsync(unsigned), JwtSignInResult.AlgorithmNotAllowedFailure);
        AssertRefused(await RsaPem().ValidateAsync(unsigned), JwtSignInResult.AlgorithmNotAllowedFailure);
        AssertRefused(await both.ValidateAsync(unsigned), JwtSignInResult.AlgorithmNotAllowedFailure);
    }

    [Fact]
    public async Task ValidateAsync_HmacTokenWithSignatureStripped_IsRefused()
    {
        var parts = TestTokens.Hmac(Payload()).Split('.');

        var result = await Hmac().ValidateAsync($"{parts[0]}.{parts[1]}.");

        AssertRefused(result, JwtSignInResult.BadSignatureFailure);
    }

    [Fact]
    public async Task ValidateAsync_Hs256WhenOnlyRsaConfigured_IsAlgorithmNotAllowed()
    {
        // Even signed with a secret the gateway has never seen, the token must be refused for its algorithm alone.
        var result = await RsaPem().ValidateAsync(TestTokens.Hmac(Payload()));

        AssertRefused(result, JwtSignInResult.AlgorithmNotAllowedFailure);
    }

    [Fact]
    public async Task ValidateAsync_Rs256WhenOnlyHmacConfigured_IsAlgorithmNotAllowed()
    {
        var result = await Hmac().ValidateAsync(TestTokens.Rsa(Payload(), IssuerKey));

        AssertRefused(result, JwtSignInResult.AlgorithmNotAllowedFailure);
    }

    [Fact]
    public async Task ValidateAsync_AlgorithmConfusion_PublicKeyUsedAsHmacSecret_IsRefused()
    {
        // The classic attack: the attacker knows the RSA public key and signs an HS256 token with its bytes as the
        // HMAC secret, hoping the gateway verifies "HS256 with the configured key".
        var pem = IssuerPublicPem;
        var forgedWithPemText = TestTokens.HmacWithKey(Payload(("sub", "admin")), Encoding.UTF8.GetBytes(pem));
        var forgedWithDerBytes = TestTokens.HmacWithKey(Payload(("sub", "admin")), IssuerKey.ExportSubjectPublicKeyInfo());
        var pemFile = WriteFile("issuer.pem", pem);
        var jwksFile = WriteFile("jwks.json", Jwks((IssuerKey, "key-1")));
        var rsaOnly = new[]
        {
            RsaPem(),
            Create(options => options.RsaPublicKeyFile = pemFile),
            Create(options => options.JwksFile = jwksFile),
        };

        foreach (var validator in rsaOnly)
        {
            AssertRefused(await validator.ValidateAsync(forgedWithPemText), JwtSignInResult.AlgorithmNotAllowedFailure);
            AssertRefused(await validator.ValidateAsync(forgedWithDerBytes), JwtSignInResult.AlgorithmNotAllowedFailure);
        }

        // With both families configured HS256 is allowed, but only with the HMAC secret, never with the RSA key.
        var both = RsaPem(options => options.HmacSecret = Secret);
        AssertRefused(await both.ValidateAsync(forgedWithPemText), JwtSignInResult.BadSignatureFailure);
        AssertRefused(await both.ValidateAsync(forgedWithDerBytes), JwtSignInResult.BadSignatureFailure);
        Assert.True((await both.ValidateAsync(TestTokens.Hmac(Payload()))).Succeeded);
        Assert.True((await both.ValidateAsync(TestTokens.Rsa(Payload(), IssuerKey))).Succeeded);
    }

    [Fact]
    public async Task ValidateAsync_JwksOctKey_IsNeverUsedAsHmacKey()
    {
        var octSecret = Encoding.UTF8.GetBytes(Secret);
        var json = $$"""
            {"keys":[
              {"kty":"oct","kid":"shared","k":"{{Base64Url(octSecret)}}","alg":"HS256"},
              {"kty":"RSA","kid":"key-1","use":"sig","n":"{{Base64Url(IssuerKey.ExportParameters(false).Modulus!)}}","e":"{{Base64Url(IssuerKey.ExportParameters(false).Exponent!)}}"}
            ]}
            """;
        var validator = Create(options => options.JwksFile = WriteFile("mixed.json", json));

        AssertRefused(await validator.ValidateAsync(TestTokens.HmacWithKey(Payload(), octSecret)), JwtSignInResult.AlgorithmNotAllowedFailure);
        Assert.True((await validator.ValidateAsync(TestTokens.Rsa(Payload(), IssuerKey, "key-1"))).Succeeded);
    }

    [Theory]
    [InlineData("hs256")]
    [InlineData("HS256 ")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    [InlineData("")]
    public async Task ValidateAsync_UnknownOrMiscasedAlgorithm_IsAlgorithmNotAllowed(string alg)
    {
        var token = TestTokens.Hmac(Payload(), alg: alg);

        AssertRefused(await Hmac().ValidateAsync(token), JwtSignInResult.AlgorithmNotAllowedFailure);
    }

    // ---- Issuer and audience -----------------------------------------------------------------------------------

    [Fact]
    public async Task ValidateAsync_IssuerAndAudienceConfigured_MatchingToken_Succeeds()
    {
        var validator = Hmac(options =>
        {
            options.Issuer = "https://project.supabase.co/auth/v1";
            options.Audience = "authenticated";
        });
        var single = Payload(("iss", "https://project.supabase.co/auth/v1"), ("aud", "authenticated"));
        var list = Payload(("iss", "https://project.supabase.co/auth/v1"), ("aud", new[] { "other", "authenticated" }));

        Assert.True((await validator.ValidateAsync(TestTokens.Hmac(single))).Succeeded);
        Assert.True((await validator.ValidateAsync(TestTokens.Hmac(list))).Succeeded);
    }

    [Fact]
    public async Task ValidateAsync_WrongOrMissingAudience_IsRefused()
    {
        var validator = Hmac(options => options.Audience = "authenticated");

        AssertRefused(await validator.ValidateAsync(TestTokens.Hmac(Payload(("aud", "anon")))), JwtSignInResult.WrongAudienceFailure);
        AssertRefused(await validator.ValidateAsync(TestTokens.Hmac(Payload())), JwtSignInResult.WrongAudienceFailure);
    }

    [Fact]
    public async Task ValidateAsync_WrongOrMissingIssuer_IsRefused()
    {
        var validator = RsaPem(options => options.Issuer = "https://auth.example.com");

        AssertRefused(await validator.ValidateAsync(TestTokens.Rsa(Payload(("iss", "https://evil.example.com")), IssuerKey)), JwtSignInResult.WrongIssuerFailure);
        AssertRefused(await validator.ValidateAsync(TestTokens.Rsa(Payload(), IssuerKey)), JwtSignInResult.WrongIssuerFailure);
    }

    [Fact]
    public async Task ValidateAsync_IssuerAndAudienceNotConfigured_AcceptsAny()
    {
        var result = await Hmac().ValidateAsync(TestTokens.Hmac(Payload(("iss", "anyone"), ("aud", "anything"))));

        Assert.True(result.Succeeded);
    }

    // ---- Claims ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task ValidateAsync_MissingSub_IsMissingUserClaim()
    {
        var payload = Payload();
        payload.Remove("sub");

        AssertRefused(await Hmac().ValidateAsync(TestTokens.Hmac(payload)), JwtSignInResult.MissingUserClaimFailure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ValidateAsync_BlankSub_IsMissingUserClaim(string sub)
    {
        AssertRefused(await Hmac().ValidateAsync(TestTokens.Hmac(Payload(("sub", sub)))), JwtSignInResult.MissingUserClaimFailure);
    }

    [Fact]
    public async Task ValidateAsync_ConfiguredUserClaimMissing_EvenWithSub_IsMissingUserClaim()
    {
        var validator = Hmac(options => options.UserIdClaim = "app_metadata.user_id");

        AssertRefused(await validator.ValidateAsync(TestTokens.Hmac(Payload())), JwtSignInResult.MissingUserClaimFailure);
    }

    // ---- Malformed input ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("sb-0123456789abcdefghijABCDEFGHIJ01")]
    [InlineData("eyJ")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9..c2ln")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln.extra")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln.ZXh0cmE.dGFn")]
    [InlineData("eyJ!!!.eyJzdWIiOiIxIn0.c2ln")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln")]
    [InlineData("eyJub3QganNvbg.eyJzdWIiOiIxIn0.c2ln")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln=")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln")]
    public async Task ValidateAsync_Garbage_IsMalformed(string token)
    {
        AssertRefused(await Hmac().ValidateAsync(token), JwtSignInResult.MalformedFailure);
    }

    [Fact]
    public async Task ValidateAsync_NullOrHugeToken_IsMalformed()
    {
        var huge = TestTokens.Hmac(Payload(("padding", new string('x', 40_000))));

        AssertRefused(await Hmac().ValidateAsync(null!), JwtSignInResult.MalformedFailure);
        AssertRefused(await Hmac().ValidateAsync(huge), JwtSignInResult.MalformedFailure);
    }

    [Fact]
    public async Task ValidateAsync_SignatureNotBase64Url_IsRefused()
    {
        var parts = TestTokens.Hmac(Payload()).Split('.');

        var result = await Hmac().ValidateAsync($"{parts[0]}.{parts[1]}.AAAA");

        AssertRefused(result, JwtSignInResult.BadSignatureFailure);
    }

    [Fact]
    public async Task ValidateAsync_FailureNeverEchoesTokenOrSecret()
    {
        var tokens = new[]
        {
            TestTokens.Hmac(Payload(), secret: "another-secret-that-is-also-at-least-32-bytes"),
            TestTokens.Hmac(Payload(("exp", UnixTime(TimeSpan.FromHours(-1))))),
            Unsigned(Payload()),
            "eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln",
        };

        foreach (var token in tokens)
        {
            var result = await Hmac().ValidateAsync(token);

            Assert.False(result.Succeeded);
            Assert.Matches("^[a-z_]+$", result.Failure);
            Assert.DoesNotContain(Secret, result.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(token, result.ToString(), StringComparison.Ordinal);
        }
    }

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
        var path = Path.Combine(_directory, "missing.pem");

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
