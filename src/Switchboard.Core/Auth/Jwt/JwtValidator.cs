using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Auth.Jwt;

/// <summary>Checks bearer JWTs against the issuer keys configured in <see cref="JwtSignInOptions"/> and reads the caller from their claims.</summary>
/// <remarks>
/// <para>
/// Keys are loaded once, at construction; bad key material is a startup error, not a per-request one. Each token is
/// checked only against the keys of the algorithm family its header names (HMAC or RSA), and only when that family
/// has configured keys. That closes the algorithm-confusion attack: an HS256 token signed with the RSA public key as
/// its "secret" never meets an HMAC key made from that public key, and <c>alg: none</c> matches no family at all.
/// </para>
/// <para>
/// Validation never throws: every refusal is a <see cref="JwtSignInResult"/> with a short failure code. Thread-safe.
/// </para>
/// </remarks>
public sealed class JwtValidator
{
    /// <summary>Well above real tokens (a few KiB at most) and below request-header limits; longer text is refused unparsed.</summary>
    private const int MaximumTokenLength = 32 * 1024;

    private readonly JwtKeyMaterial? _keys;
    private readonly string _userIdClaim;
    private readonly string? _tierClaim;
    private readonly string? _roleClaim;

    /// <summary>Initializes a new instance of the <see cref="JwtValidator"/> class, loading the configured keys.</summary>
    /// <param name="options">The JWT sign-in options.</param>
    /// <exception cref="InvalidOperationException">An option is invalid, or a key, PEM file or JWKS file cannot be read or holds no usable key.</exception>
    public JwtValidator(IOptions<JwtSignInOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value ?? throw new InvalidOperationException($"{JwtSignInOptions.SectionName} options are missing.");

        if (string.IsNullOrWhiteSpace(settings.UserIdClaim))
        {
            throw new InvalidOperationException($"{JwtSignInOptions.OptionName(nameof(JwtSignInOptions.UserIdClaim))} must name a claim (the default is \"{JwtSignInOptions.DefaultUserIdClaim}\").");
        }

        if (settings.ClockSkew < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{JwtSignInOptions.OptionName(nameof(JwtSignInOptions.ClockSkew))} must not be negative.");
        }

        _userIdClaim = settings.UserIdClaim.Trim();
        _tierClaim = JwtSignInOptions.NullIfBlank(settings.TierClaim);
        _roleClaim = JwtSignInOptions.NullIfBlank(settings.RoleClaim);

        if (!string.IsNullOrWhiteSpace(settings.HmacSecret) || !string.IsNullOrWhiteSpace(settings.RsaPublicKeyPem)
            || !string.IsNullOrWhiteSpace(settings.RsaPublicKeyFile) || !string.IsNullOrWhiteSpace(settings.JwksFile))
        {
            // Only behind this check: loading keys maps the token library, which a gateway without JWT sign-in never needs.
            _keys = JwtKeyMaterial.Load(settings);
        }
    }

    /// <summary>Gets a value indicating whether any key is configured; when false every token is refused with <see cref="JwtSignInResult.NotConfiguredFailure"/>.</summary>
    public bool IsConfigured => _keys is not null;

    /// <summary>Tells cheaply whether a bearer credential is shaped like a signed JWT, so callers can route it here instead of to virtual-key lookup.</summary>
    /// <param name="token">The credential, without the <c>Bearer </c> prefix.</param>
    /// <returns>
    /// True for three dot-separated base64url segments whose first starts with <c>eyJ</c> (the encoding of <c>{"</c>).
    /// The signature segment may be empty so that unsigned tokens reach <see cref="ValidateAsync"/> and are refused
    /// there with a precise reason. Says nothing about validity.
    /// </returns>
    public static bool LooksLikeJwt(ReadOnlySpan<char> token)
    {
        if (!token.StartsWith("eyJ", StringComparison.Ordinal))
        {
            return false;
        }

        var dots = 0;
        var segmentLength = 0;
        foreach (var character in token)
        {
            if (character == '.')
            {
                if (segmentLength == 0 || ++dots > 2)
                {
                    return false;
                }

                segmentLength = 0;
                continue;
            }

            if (!IsBase64UrlCharacter(character))
            {
                return false;
            }

            segmentLength++;
        }

        return dots == 2;
    }

    /// <summary>Validates a bearer JWT and reads the user id, tier and role from its claims.</summary>
    /// <param name="token">The compact JWT, without the <c>Bearer </c> prefix.</param>
    /// <returns>The caller's claims on success; otherwise a refusal with a short failure code. Never throws for a bad token.</returns>
    public async ValueTask<JwtSignInResult> ValidateAsync(string token)
    {
        if (_keys is null)
        {
            return JwtSignInResult.Fail(JwtSignInResult.NotConfiguredFailure);
        }

        if (string.IsNullOrEmpty(token) || token.Length > MaximumTokenLength || !LooksLikeJwt(token))
        {
            return JwtSignInResult.Fail(JwtSignInResult.MalformedFailure);
        }

        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            // SecurityTokenMalformedException is an ArgumentException: bad base64url or JSON in the header or payload.
            return JwtSignInResult.Fail(JwtSignInResult.MalformedFailure);
        }

        var parameters = _keys.ParametersFor(parsed.Alg);
        if (parameters is null)
        {
            return JwtSignInResult.Fail(JwtSignInResult.AlgorithmNotAllowedFailure);
        }

        TokenValidationResult validation;
        try
        {
            validation = await _keys.Handler.ValidateTokenAsync(parsed, parameters).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The handler reports refusals in its result, but it is third-party code parsing hostile input: anything
            // it throws must become a refusal, never a server error that a crafted token could trigger at will.
            return JwtSignInResult.Fail(Classify(exception));
        }

        if (!validation.IsValid)
        {
            return JwtSignInResult.Fail(Classify(validation.Exception));
        }

        return ReadCaller(parsed);
    }

    private static bool IsBase64UrlCharacter(char character) =>
        char.IsAsciiLetterOrDigit(character) || character is '-' or '_';

    private static string Classify(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => JwtSignInResult.ExpiredFailure,
        SecurityTokenNotYetValidException => JwtSignInResult.NotYetValidFailure,
        SecurityTokenNoExpirationException => JwtSignInResult.MissingExpiryFailure,
        SecurityTokenInvalidAudienceException => JwtSignInResult.WrongAudienceFailure,
        SecurityTokenInvalidIssuerException => JwtSignInResult.WrongIssuerFailure,
        SecurityTokenInvalidAlgorithmException => JwtSignInResult.AlgorithmNotAllowedFailure,
        SecurityTokenInvalidSignatureException => JwtSignInResult.BadSignatureFailure,
        SecurityTokenMalformedException => JwtSignInResult.MalformedFailure,
        ArgumentException => JwtSignInResult.MalformedFailure,
        _ => JwtSignInResult.InvalidFailure,
    };

    private JwtSignInResult ReadCaller(JsonWebToken token)
    {
        try
        {
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
            var userId = ReadClaim(payload.RootElement, _userIdClaim);
            if (userId is null)
            {
                return JwtSignInResult.Fail(JwtSignInResult.MissingUserClaimFailure);
            }

            if (!SystemUser.IsAcceptableUserId(userId))
            {
                // A signed token always names a tenant user: one naming the system user would act as the server itself.
                return JwtSignInResult.Fail(JwtSignInResult.ReservedUserFailure);
            }

            var tier = _tierClaim is null ? null : ReadClaim(payload.RootElement, _tierClaim);
            var role = _roleClaim is null ? null : ReadClaim(payload.RootElement, _roleClaim);
            return JwtSignInResult.Success(userId, tier, role);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            // Unreachable after the handler parsed the same payload; kept so a verified but odd token is refused, not thrown.
            return JwtSignInResult.Fail(JwtSignInResult.MalformedFailure);
        }
    }

    /// <summary>Reads a scalar claim by name, or by dotted path into nested objects (<c>app_metadata.tier</c>).</summary>
    /// <remarks>A top-level claim whose name itself has dots (such as <c>https://example.com/tier</c>) wins over the path reading.</remarks>
    private static string? ReadClaim(JsonElement payload, string claim)
    {
        if (payload.TryGetProperty(claim, out var literal))
        {
            return ReadScalar(literal);
        }

        if (!claim.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        var current = payload;
        foreach (var segment in claim.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out var next))
            {
                return null;
            }

            current = next;
        }

        return ReadScalar(current);
    }

    private static string? ReadScalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JwtSignInOptions.NullIfBlank(value.GetString()),
        // Some issuers use numeric user ids; the raw JSON text keeps them exact.
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
