using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Switchboard.Core.Auth.Jwt;

/// <summary>The issuer keys of <see cref="JwtSignInOptions"/>, loaded and checked, with the validation parameters of each algorithm family.</summary>
/// <remarks>
/// Loading is where bad key material is refused (too-short secrets, weak or malformed RSA keys, unreadable files), so a
/// misconfiguration stops startup instead of failing requests. Only this type and token validation itself touch the
/// token library.
/// </remarks>
internal sealed class JwtKeyMaterial
{
    /// <summary>RSA keys shorter than this are too weak to trust for sign-in.</summary>
    private const int MinimumRsaKeyBits = 2048;

    /// <summary>The HMAC algorithms, each with the shortest key RFC 7518 §3.2 allows for it (the hash size).</summary>
    private static readonly (string Algorithm, int MinimumKeyBytes)[] HmacAlgorithmsBySize =
        [(SecurityAlgorithms.HmacSha256, 32), (SecurityAlgorithms.HmacSha384, 48), (SecurityAlgorithms.HmacSha512, 64)];

    private static readonly string[] RsaAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly string[] _hmacAlgorithms;
    private readonly TokenValidationParameters? _hmac;
    private readonly TokenValidationParameters? _rsa;

    private JwtKeyMaterial(JsonWebTokenHandler handler, string[] hmacAlgorithms, TokenValidationParameters? hmac, TokenValidationParameters? rsa)
    {
        Handler = handler;
        _hmacAlgorithms = hmacAlgorithms;
        _hmac = hmac;
        _rsa = rsa;
    }

    /// <summary>Gets the token handler that validates against these keys.</summary>
    public JsonWebTokenHandler Handler { get; }

    /// <summary>Loads the configured keys; null when none is usable.</summary>
    /// <exception cref="InvalidOperationException">A key, PEM file or JWKS file cannot be read or holds no usable key.</exception>
    /// <remarks>
    /// A method of its own, never inlined: compiling it loads the token library, which a gateway without JWT sign-in
    /// then never maps (about a megabyte of code and start-up work).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JwtKeyMaterial? Load(JwtSignInOptions settings)
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
            : new JwtKeyMaterial(new JsonWebTokenHandler { MapInboundClaims = false }, hmacAlgorithms, hmacParameters, rsaParameters);
    }

    /// <summary>The parameters of the family <paramref name="algorithm"/> belongs to; null for an algorithm not configured.</summary>
    public TokenValidationParameters? ParametersFor(string? algorithm)
    {
        // Ordinal: JOSE algorithm names are case-sensitive, and "none" or anything unknown must match nothing.
        if (Array.IndexOf(_hmacAlgorithms, algorithm) >= 0)
        {
            return _hmac;
        }

        return Array.IndexOf(RsaAlgorithms, algorithm) >= 0 ? _rsa : null;
    }

    private static SymmetricSecurityKey LoadHmacKey(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < HmacAlgorithmsBySize[0].MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"{JwtSignInOptions.OptionName(nameof(JwtSignInOptions.HmacSecret))} is too short: HS256 needs a secret of at least {HmacAlgorithmsBySize[0].MinimumKeyBytes} bytes.");
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
            throw new InvalidOperationException($"{JwtSignInOptions.OptionName(option)}: cannot read the file {path}: {exception.Message}", exception);
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
                    ?? throw new InvalidOperationException($"{JwtSignInOptions.OptionName(option)} holds a certificate whose key is not RSA.");
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
                $"{JwtSignInOptions.OptionName(option)} does not hold an RSA public key in PEM form (-----BEGIN PUBLIC KEY-----, -----BEGIN RSA PUBLIC KEY----- or -----BEGIN CERTIFICATE-----).",
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
            throw new InvalidOperationException($"{JwtSignInOptions.OptionName(option)} is not a JWKS document (a JSON object with a \"keys\" array).", exception);
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
                throw new InvalidOperationException($"{JwtSignInOptions.OptionName(option)}: the RSA key \"{jwk.Kid}\" has a missing or invalid \"n\" or \"e\".", exception);
            }

            keys.Add(CheckedRsaKey(parameters, JwtSignInOptions.NullIfBlank(jwk.Kid), option));
        }

        if (keys.Count == 0)
        {
            throw new InvalidOperationException($"{JwtSignInOptions.OptionName(option)} holds no RSA signing key (kty \"RSA\", use \"sig\" or unset, alg RS256/RS384/RS512 or unset).");
        }

        return keys;
    }

    private static RsaSecurityKey CheckedRsaKey(RSAParameters parameters, string? keyId, string option)
    {
        if (parameters.Modulus is not { Length: > 0 } || parameters.Exponent is not { Length: > 0 })
        {
            throw new InvalidOperationException($"{JwtSignInOptions.OptionName(option)}: an RSA key has an empty modulus or exponent.");
        }

        var key = new RsaSecurityKey(parameters) { KeyId = keyId };
        if (key.KeySize < MinimumRsaKeyBits)
        {
            throw new InvalidOperationException($"{JwtSignInOptions.OptionName(option)}: RSA keys must be at least {MinimumRsaKeyBits} bits; this one has {key.KeySize}.");
        }

        return key;
    }

    private static TokenValidationParameters BuildParameters(JwtSignInOptions settings, IList<SecurityKey> keys, string[] algorithms)
    {
        var issuer = JwtSignInOptions.NullIfBlank(settings.Issuer);
        var audience = JwtSignInOptions.NullIfBlank(settings.Audience);
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
}
