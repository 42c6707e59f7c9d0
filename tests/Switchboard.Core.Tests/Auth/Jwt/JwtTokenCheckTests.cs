using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Core.Auth.Jwt;
using static Switchboard.Core.Tests.Auth.Jwt.TestTokens;

namespace Switchboard.Core.Tests.Auth.Jwt;

/// <summary>What a token must pass: lifetime, signature and algorithm, issuer and audience, the user claim, and well-formedness.</summary>
public sealed class JwtTokenCheckTests : JwtValidatorTestBase
{
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
}
