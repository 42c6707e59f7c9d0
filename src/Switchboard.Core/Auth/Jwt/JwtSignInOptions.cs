namespace Switchboard.Core.Auth.Jwt;

/// <summary>Configures sign-in with bearer JWTs signed by an issuer the admin trusts, such as a SaaS back end's auth service.</summary>
/// <remarks>
/// Bound from <see cref="SectionName"/>. Key material may be an HMAC secret (HS256/384/512), RSA public keys
/// (RS256/384/512) from PEM text, a PEM file or a JWKS file, or both families at once; a token is only ever checked
/// against the keys of the family its header names, so one family's key can never be used as the other's.
/// The type is a class, not a record, so logging an instance cannot print the secret.
/// </remarks>
public sealed class JwtSignInOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Switchboard:Auth:Jwt";

    /// <summary>The default claim that carries the user id.</summary>
    public const string DefaultUserIdClaim = "sub";

    /// <summary>The default allowance for clock differences between the issuer and the gateway.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the shared HMAC secret (for example a Supabase project's JWT secret), used as the UTF-8 bytes of the string.</summary>
    /// <remarks>At least 32 bytes, as RFC 7518 requires of HS256 keys. Never log it.</remarks>
    public string? HmacSecret { get; set; }

    /// <summary>Gets or sets an RSA public key as PEM text (<c>PUBLIC KEY</c>, <c>RSA PUBLIC KEY</c> or <c>CERTIFICATE</c>).</summary>
    /// <remarks>Escaped line breaks (<c>\n</c>), as environment variables often carry them, are accepted.</remarks>
    public string? RsaPublicKeyPem { get; set; }

    /// <summary>Gets or sets the path of a PEM file holding an RSA public key.</summary>
    public string? RsaPublicKeyFile { get; set; }

    /// <summary>Gets or sets the path of a local JWKS file (a JSON object with a <c>keys</c> array); its RSA signing keys are used.</summary>
    public string? JwksFile { get; set; }

    /// <summary>Gets or sets the required <c>iss</c> claim; null accepts any issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary>Gets or sets the required <c>aud</c> claim; null accepts any audience.</summary>
    public string? Audience { get; set; }

    /// <summary>Gets or sets the claim that carries the user id; a dotted path reaches into nested objects.</summary>
    public string UserIdClaim { get; set; } = DefaultUserIdClaim;

    /// <summary>Gets or sets the claim that carries the user's tier (for example <c>tier</c> or <c>app_metadata.tier</c>); null reads no tier.</summary>
    public string? TierClaim { get; set; }

    /// <summary>Gets or sets the claim that carries the user's role; null reads no role.</summary>
    public string? RoleClaim { get; set; }

    /// <summary>Gets or sets the allowance for clock differences when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = DefaultClockSkew;

    /// <summary>Gets a value indicating whether any key material is set, that is, whether JWT sign-in is turned on.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(HmacSecret)
        || !string.IsNullOrWhiteSpace(RsaPublicKeyPem)
        || !string.IsNullOrWhiteSpace(RsaPublicKeyFile)
        || !string.IsNullOrWhiteSpace(JwksFile);

    /// <summary>The configuration key of an option, for error messages (e.g. <c>Switchboard:Jwt:HmacSecret</c>).</summary>
    internal static string OptionName(string property) => $"{SectionName}:{property}";

    /// <summary>The trimmed text of a setting or claim, or null when it is blank.</summary>
    internal static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
