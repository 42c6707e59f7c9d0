namespace Switchboard.Core.Auth.Jwt;

/// <summary>Holds the outcome of checking a bearer JWT.</summary>
/// <param name="Succeeded">Whether the token is valid and names a user.</param>
/// <param name="UserId">The user id from the configured claim, when the token is valid.</param>
/// <param name="Tier">The tier from the configured claim, when one is configured and present.</param>
/// <param name="Role">The role from the configured claim, when one is configured and present.</param>
/// <param name="Failure">
/// Why the token was refused, as one of the short codes in <see cref="JwtSignInResult"/>'s <c>*Failure</c>
/// constants; null on success. Safe to log and to return to the caller: it never holds the token, a claim or a key.
/// </param>
public sealed record JwtSignInResult(bool Succeeded, string? UserId, string? Tier, string? Role, string? Failure)
{
    /// <summary>No key material is configured, so JWT sign-in is off.</summary>
    public const string NotConfiguredFailure = "not_configured";

    /// <summary>The text is not a signed compact JWT (wrong shape, bad base64url, bad JSON, or an encrypted token).</summary>
    public const string MalformedFailure = "malformed";

    /// <summary>The header's <c>alg</c> is <c>none</c>, missing, or outside the families that have configured keys.</summary>
    public const string AlgorithmNotAllowedFailure = "algorithm_not_allowed";

    /// <summary>The signature does not verify with any configured key.</summary>
    public const string BadSignatureFailure = "bad_signature";

    /// <summary>The token has expired (beyond the clock skew).</summary>
    public const string ExpiredFailure = "expired";

    /// <summary>The token's <c>nbf</c> is still in the future (beyond the clock skew).</summary>
    public const string NotYetValidFailure = "not_yet_valid";

    /// <summary>The token has no <c>exp</c> claim; tokens that never expire are refused.</summary>
    public const string MissingExpiryFailure = "missing_expiry";

    /// <summary>The token's <c>iss</c> is not the configured issuer.</summary>
    public const string WrongIssuerFailure = "wrong_issuer";

    /// <summary>The token's <c>aud</c> does not include the configured audience.</summary>
    public const string WrongAudienceFailure = "wrong_audience";

    /// <summary>The token verified but has no usable value in the user-id claim.</summary>
    public const string MissingUserClaimFailure = "missing_user_claim";

    /// <summary>The token was refused for a reason without a more specific code.</summary>
    public const string InvalidFailure = "invalid";

    /// <summary>The user claim names an id the gateway reserves (the system user, the admin) or one that is not a valid user id.</summary>
    public const string ReservedUserFailure = "reserved_user";

    /// <summary>Creates a successful result.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="tier">The tier, if any.</param>
    /// <param name="role">The role, if any.</param>
    /// <returns>The result.</returns>
    public static JwtSignInResult Success(string userId, string? tier, string? role) => new(true, userId, tier, role, null);

    /// <summary>Creates a refusal.</summary>
    /// <param name="failure">One of the <c>*Failure</c> codes.</param>
    /// <returns>The result.</returns>
    public static JwtSignInResult Fail(string failure) => new(false, null, null, null, failure);
}
