using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

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
    /// <summary>RSA keys shorter than this are too weak to trust for sign-in.</summary>
    private const int MinimumRsaKeyBits = 2048;

    /// <summary>Well above real tokens (a few KiB at most) and below request-header limits; longer text is refused unparsed.</summary>
    private const int MaximumTokenLength = 32 * 1024;

    /// <summary>The HMAC algorithms, each with the shortest key RFC 7518 §3.2 allows for it (the hash size).</summary>
    private static readonly (string Algorithm, int MinimumKeyBytes)[] HmacAlgorithmsBySize =
        [(SecurityAlgorithms.HmacSha256, 32), (SecurityAlgorithms.HmacSha384, 48), (SecurityAlgorithms.HmacSha512, 64)];

    private static readonly string[] RsaAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly KeyMaterial? _keys;
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
            throw new InvalidOperationException($"{OptionName(nameof(JwtSignInOptions.UserIdClaim))} must name a claim (the default is \"{JwtSignInOptions.DefaultUserIdClaim}\").");
        }

        if (settings.ClockSkew < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{OptionName(nameof(JwtSignInOptions.ClockSkew))} must not be negative.");
        }

        _userIdClaim = settings.UserIdClaim.Trim();
        _tierClaim = NullIfBlank(settings.TierClaim);
        _roleClaim = NullIfBlank(settings.RoleClaim);

        if (!string.IsNullOrWhiteSpace(settings.HmacSecret) || !string.IsNullOrWhiteSpace(settings.RsaPublicKeyPem)
            || !string.IsNullOrWhiteSpace(settings.RsaPublicKeyFile) || !string.IsNullOrWhiteSpace(settings.JwksFile))
        {
            _keys = LoadKeyMaterial(settings);
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

    private static string OptionName(string property) => $"{JwtSignInOptions.SectionName}:{property}";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsBase64UrlCharacter(char character) =>
        char.IsAsciiLetterOrDigit(character) || character is '-' or '_';

    /// <summary>Loads the configured keys; null when none is usable.</summary>
    /// <remarks>
    /// A method of its own, never inlined: compiling it loads the token library, which a gateway without JWT sign-in
    /// then never maps (about a megabyte of code and start-up work).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static KeyMaterial? LoadKeyMaterial(JwtSignInOptions settings)
    {
        string[] hmacAlgorithms = [];
        TokenValidationParameters? hmacParameters = null;
        if (!string.IsNullOrWhiteSpace(settings.HmacSecret))
        {
            var hmacKey = LoadHmacKey(settings.HmacSecret);

            // The library refuses keys shorter than the hash, so a secret too short for HS512 must not offer HS512:
            // such tokens are refused as a disallowed algorithm instead of failing obscurely at signature time.
            hmacAlgorithms = [.. HmacAlgorithmsBySize.Where(entry => hmacKey.Key.Length >= entry.MinimumKeyBytes).Select(entry => entry.Algorithm)];
            hmacParameters = BuildParameters(settings, [hmacKey], hmacAlgorithms);
        }

        var rsaKeys = LoadRsaKeys(settings);
        var rsaParameters = rsaKeys.Count > 0 ? BuildParameters(settings, rsaKeys, RsaAlgorithms) : null;
        return hmacParameters is null && rsaParameters is null
            ? null
            : new KeyMaterial(new JsonWebTokenHandler { MapInboundClaims = false }, hmacAlgorithms, hmacParameters, rsaParameters);
    }

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

            var tier = _tierClaim is null ? null : ReadClaim(payload.RootElement, _tierClaim);
            var role = _roleClaim is null ? null : ReadClaim(payload.RootElement, _roleClaim);
            return JwtSignInResult.Success(userId, tier, role);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or ArgumentException)
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
        JsonValueKind.String => NullIfBlank(value.GetString()),
        // Some issuers use numeric user ids; the raw JSON text keeps them exact.
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    private static SymmetricSecurityKey LoadHmacKey(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < HmacAlgorithmsBySize[0].MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"{OptionName(nameof(JwtSignInOptions.HmacSecret))} is too short: HS256 needs a secret of at least {HmacAlgorithmsBySize[0].MinimumKeyBytes} bytes.");
        }

        return new SymmetricSecurityKey(bytes);
    }

    private static List<SecurityKey> LoadRsaKeys(JwtSignInOptions settings)
    {
        var keys = new List<SecurityKey>();
        if (!string.IsNullOrWhiteSpace(settings.RsaPublicKeyPem))
        {
            // Environment variables often carry PEM text with escaped line breaks.
            var pem = settings.RsaPublicKeyPem.Contains('\n', StringComparison.Ordinal)
                ? settings.RsaPublicKeyPem
                : settings.RsaPublicKeyPem.Replace("\\n", "\n", StringComparison.Ordinal);
            keys.Add(LoadPemKey(pem, nameof(JwtSignInOptions.RsaPublicKeyPem)));
        }

        if (!string.IsNullOrWhiteSpace(settings.RsaPublicKeyFile))
        {
            var pem = ReadKeyFile(settings.RsaPublicKeyFile, nameof(JwtSignInOptions.RsaPublicKeyFile));
            keys.Add(LoadPemKey(pem, nameof(JwtSignInOptions.RsaPublicKeyFile)));
        }

        if (!string.IsNullOrWhiteSpace(settings.JwksFile))
        {
            var json = ReadKeyFile(settings.JwksFile, nameof(JwtSignInOptions.JwksFile));
            keys.AddRange(LoadJwksKeys(json, nameof(JwtSignInOptions.JwksFile)));
        }

        return keys;
    }

    private static string ReadKeyFile(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidOperationException($"{OptionName(option)}: cannot read the file {path}: {exception.Message}", exception);
        }
    }

    private static RsaSecurityKey LoadPemKey(string pem, string option)
    {
        RSAParameters parameters;
        try
        {
            if (pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
                using var certificateKey = certificate.GetRSAPublicKey()
                    ?? throw new InvalidOperationException($"{OptionName(option)} holds a certificate whose key is not RSA.");
                parameters = certificateKey.ExportParameters(includePrivateParameters: false);
            }
            else
            {
                using var imported = RSA.Create();
                imported.ImportFromPem(pem);

                // Keep only the public half, even when the admin pasted a private key.
                parameters = imported.ExportParameters(includePrivateParameters: false);
            }
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"{OptionName(option)} does not hold an RSA public key in PEM form (-----BEGIN PUBLIC KEY-----, -----BEGIN RSA PUBLIC KEY----- or -----BEGIN CERTIFICATE-----).",
                exception);
        }

        return CheckedRsaKey(parameters, keyId: null, option);
    }

    private static List<SecurityKey> LoadJwksKeys(string json, string option)
    {
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException)
        {
            throw new InvalidOperationException($"{OptionName(option)} is not a JWKS document (a JSON object with a \"keys\" array).", exception);
        }

        var keys = new List<SecurityKey>();
        foreach (var jwk in set.Keys)
        {
            // Only RSA signing keys: an "oct" entry must never become an HMAC key here, or the RSA family's
            // configuration could be used to accept HMAC tokens.
            if (!string.Equals(jwk.Kty, JsonWebAlgorithmsKeyTypes.RSA, StringComparison.Ordinal)
                || (!string.IsNullOrEmpty(jwk.Use) && !string.Equals(jwk.Use, JsonWebKeyUseNames.Sig, StringComparison.Ordinal))
                || (!string.IsNullOrEmpty(jwk.Alg) && Array.IndexOf(RsaAlgorithms, jwk.Alg) < 0))
            {
                continue;
            }

            RSAParameters parameters;
            try
            {
                parameters = new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(jwk.N), Exponent = Base64UrlEncoder.DecodeBytes(jwk.E) };
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException)
            {
                throw new InvalidOperationException($"{OptionName(option)}: the RSA key \"{jwk.Kid}\" has a missing or invalid \"n\" or \"e\".", exception);
            }

            keys.Add(CheckedRsaKey(parameters, NullIfBlank(jwk.Kid), option));
        }

        if (keys.Count == 0)
        {
            throw new InvalidOperationException($"{OptionName(option)} holds no RSA signing key (kty \"RSA\", use \"sig\" or unset, alg RS256/RS384/RS512 or unset).");
        }

        return keys;
    }

    private static RsaSecurityKey CheckedRsaKey(RSAParameters parameters, string? keyId, string option)
    {
        if (parameters.Modulus is not { Length: > 0 } || parameters.Exponent is not { Length: > 0 })
        {
            throw new InvalidOperationException($"{OptionName(option)}: an RSA key has an empty modulus or exponent.");
        }

        var key = new RsaSecurityKey(parameters) { KeyId = keyId };
        if (key.KeySize < MinimumRsaKeyBits)
        {
            throw new InvalidOperationException($"{OptionName(option)}: RSA keys must be at least {MinimumRsaKeyBits} bits; this one has {key.KeySize}.");
        }

        return key;
    }

    private static TokenValidationParameters BuildParameters(JwtSignInOptions settings, IList<SecurityKey> keys, string[] algorithms)
    {
        var issuer = NullIfBlank(settings.Issuer);
        var audience = NullIfBlank(settings.Audience);
        return new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            ValidAlgorithms = algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = settings.ClockSkew,
            ValidateIssuer = issuer is not null,
            ValidIssuer = issuer,
            ValidateAudience = audience is not null,
            RequireAudience = audience is not null,
            ValidAudience = audience,
            // The keys are pinned by configuration, so there is no key lifetime or chain to check.
            ValidateIssuerSigningKey = false,
            // Keys loaded from PEM have no kid; a token carrying one must still be checked against them.
            TryAllIssuerSigningKeys = true,
            SaveSigninToken = false,
            LogValidationExceptions = false,
        };
    }

    /// <summary>The token handler and the validation parameters of each configured algorithm family.</summary>
    private sealed class KeyMaterial(JsonWebTokenHandler handler, string[] hmacAlgorithms, TokenValidationParameters? hmac, TokenValidationParameters? rsa)
    {
        public JsonWebTokenHandler Handler { get; } = handler;

        /// <summary>The parameters of the family <paramref name="algorithm"/> belongs to; null for an algorithm not configured.</summary>
        public TokenValidationParameters? ParametersFor(string? algorithm)
        {
            // Ordinal: JOSE algorithm names are case-sensitive, and "none" or anything unknown must match nothing.
            if (Array.IndexOf(hmacAlgorithms, algorithm) >= 0)
            {
                return hmac;
            }

            return Array.IndexOf(RsaAlgorithms, algorithm) >= 0 ? rsa : null;
        }
    }
}
