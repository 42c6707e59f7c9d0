using System.Security.Cryptography;
using System.Text;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Auth.Jwt;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Auth;

/// <summary>Authenticates bearer credentials: the bootstrap admin key, virtual keys (both compared by SHA-256 digest) and, when configured, signed tokens (JWT).</summary>
/// <remarks>
/// Keys are hashed before any comparison, so lookups never touch key material: the admin digest is compared in
/// constant time, and virtual keys are found by digest in the snapshot (a hash-table probe on a digest reveals
/// nothing about the key). In <c>single</c> mode every caller acts as the system user; in the multi-user modes a
/// virtual key acts as its user, and a user whose stored role is admin gets the admin role. Thread-safe.
/// </remarks>
public sealed class ApiKeyAuthenticator
{
    private readonly SnapshotHolder _snapshots;
    private readonly JwtValidator? _jwt;
    private readonly Func<string, string?, Task>? _provision;
    private byte[] _adminKeyHash = [];

    internal ApiKeyAuthenticator(SnapshotHolder snapshots, JwtValidator? jwt = null, Func<string, string?, Task>? provision = null)
    {
        _snapshots = snapshots;
        _jwt = jwt is { IsConfigured: true } ? jwt : null;
        _provision = provision;
    }

    /// <summary>Sets the admin key digest (raw SHA-256 bytes).</summary>
    public void SetAdminKeyHash(byte[] hash) => Volatile.Write(ref _adminKeyHash, hash);

    /// <summary>Computes the SHA-256 digest of a key.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key ?? ""));

    /// <summary>Computes the lowercase hex SHA-256 digest of a key, the form virtual keys are stored in.</summary>
    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));

    /// <summary>Returns the caller for an <c>Authorization</c> header value, or null when it carries no valid key or token.</summary>
    public ValueTask<CallerIdentity?> AuthenticateAsync(string? authorization)
    {
        var key = Credential(authorization);
        if (key.IsEmpty)
        {
            return ValueTask.FromResult<CallerIdentity?>(null);
        }

        if (_jwt is not null && JwtValidator.LooksLikeJwt(key))
        {
            return AuthenticateTokenAsync(key.ToString());
        }

        return ValueTask.FromResult(AuthenticateKey(key));
    }

    /// <summary>Returns the caller for an <c>Authorization</c> header value carrying a key (not a token), or null.</summary>
    public CallerIdentity? Authenticate(string? authorization) => AuthenticateKey(Credential(authorization));

    private CallerIdentity? AuthenticateKey(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty || key.Length > 512)
        {
            return null;
        }

        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);

        var admin = Volatile.Read(ref _adminKeyHash);
        if (admin.Length == digest.Length && CryptographicOperations.FixedTimeEquals(admin, digest))
        {
            return CallerIdentity.SystemAdmin;
        }

        var snapshot = _snapshots.Current;
        var hex = Convert.ToHexStringLower(digest);
        if (!snapshot.VirtualKeysByHash.TryGetValue(hex, out var record) || record.ExpiresAt <= DateTimeOffset.UtcNow)
        {
            return null;
        }

        var tenancy = snapshot.Tenancy;
        if (!tenancy.IsMultiUser)
        {
            // Single mode has no users: tenancy treats every caller as the system user, but usage stays attributed to the key's user id.
            return new CallerIdentity(record.UserId, record.Id, record.Role) { CacheTtl = CacheTtl(record) };
        }

        return new CallerIdentity(record.UserId, record.Id, RoleOf(tenancy.Users.GetValueOrDefault(record.UserId), keyIsAdmin: record.Role == Roles.Admin)) { CacheTtl = CacheTtl(record) };
    }

    private async ValueTask<CallerIdentity?> AuthenticateTokenAsync(string token)
    {
        var result = await _jwt!.ValidateAsync(token).ConfigureAwait(false);
        if (!result.Succeeded || result.UserId is null)
        {
            return null;
        }

        var tenancy = _snapshots.Current.Tenancy;
        if (!tenancy.IsMultiUser)
        {
            return new CallerIdentity(result.UserId, null, Roles.User);
        }

        var user = tenancy.Users.GetValueOrDefault(result.UserId);
        if (user is null && _provision is not null)
        {
            // First sight: the user is stored with the tier defaults in the background; this request already runs on the claimed tier.
            _ = _provision(result.UserId, result.Tier);
        }

        // A token's role claim may lower but never raise: admin comes only from the stored user.
        return new CallerIdentity(result.UserId, null, RoleOf(user)) { ClaimedTier = user is null ? result.Tier : null };
    }

    /// <summary>Returns the identity an authenticated caller takes to act for <paramref name="userId"/> (the original service's <c>user_id</c>), or the error that refuses it.</summary>
    /// <remarks>
    /// In <c>single</c> mode there are no users: the id is only recorded on the usage record, and the request runs as the
    /// system user as every request there does. In the multi-user modes an admin may act for any user id, known or not (an
    /// unknown id runs on the default tier, as a new user's first request does, without creating the user); anyone else only
    /// for itself. The virtual key that authenticated stays on the identity, so its allowlist and limits still apply and
    /// usage names it.
    /// </remarks>
    public (CallerIdentity? Caller, GatewayError? Error) ActFor(CallerIdentity caller, string userId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(userId);
        if (string.Equals(caller.UserId, userId, StringComparison.Ordinal))
        {
            return (caller, null);
        }

        var tenancy = _snapshots.Current.Tenancy;
        if (!tenancy.IsMultiUser)
        {
            return (caller with { UserId = userId }, null);
        }

        if (!caller.IsAdmin)
        {
            return (null, GatewayErrors.Forbidden("Only an admin key may act for another user; leave 'user_id' out or send your own.") with { Param = "user_id" });
        }

        var user = tenancy.Users.GetValueOrDefault(userId);
        return user?.Status == UserStatus.Disabled
            ? (null, GatewayErrors.UserDisabled() with { Param = "user_id" })
            : (new CallerIdentity(userId, caller.VirtualKeyId, RoleOf(user)) { CacheTtl = caller.CacheTtl }, null);
    }

    /// <summary>Returns whether a caller's user is disabled.</summary>
    public bool IsDisabled(CallerIdentity caller) =>
        caller is not null && _snapshots.Current.Tenancy.Users.TryGetValue(caller.UserId, out var user) && user.Status == UserStatus.Disabled;

    /// <summary>Gives admin only to a stored admin user or an admin key: a claim or a request field never raises a role.</summary>
    private static string RoleOf(UserRecord? user, bool keyIsAdmin = false) =>
        keyIsAdmin || user?.Role == Roles.Admin ? Roles.Admin : Roles.User;

    private static ReadOnlySpan<char> Credential(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return default;
        }

        var key = authorization.AsSpan().Trim();
        if (key.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = key[7..].Trim();
        }

        return key.Length > 32 * 1024 ? default : key;
    }

    /// <summary>Returns the response-cache lifetime a key opted in with; null keeps each lookup of the hot path free of a conversion.</summary>
    private static TimeSpan? CacheTtl(Abstractions.Configuration.VirtualKeyRecord record) => record.CacheTtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
}
