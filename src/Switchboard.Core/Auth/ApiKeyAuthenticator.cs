using System.Security.Cryptography;
using System.Text;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;

namespace Switchboard.Core.Auth;

/// <summary>Authenticates bearer keys: the bootstrap admin key and virtual keys, both compared by SHA-256 digest.</summary>
/// <remarks>
/// Keys are hashed before any comparison, so lookups never touch key material: the admin digest is compared in
/// constant time, and virtual keys are found by digest in the snapshot (a hash-table probe on a digest reveals
/// nothing about the key). Thread-safe.
/// </remarks>
public sealed class ApiKeyAuthenticator
{
    private readonly SnapshotHolder _snapshots;
    private byte[] _adminKeyHash = [];

    internal ApiKeyAuthenticator(SnapshotHolder snapshots) => _snapshots = snapshots;

    /// <summary>Sets the admin key digest (raw SHA-256 bytes).</summary>
    public void SetAdminKeyHash(byte[] hash) => Volatile.Write(ref _adminKeyHash, hash);

    /// <summary>Computes the SHA-256 digest of a key.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key ?? ""));

    /// <summary>Computes the lowercase hex SHA-256 digest of a key, the form virtual keys are stored in.</summary>
    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));

    /// <summary>Returns the caller for an <c>Authorization</c> header value, or null when it carries no valid key.</summary>
    public CallerIdentity? Authenticate(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return null;
        }

        var key = authorization.AsSpan().Trim();
        if (key.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = key[7..].Trim();
        }

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

        var hex = Convert.ToHexStringLower(digest);
        return _snapshots.Current.VirtualKeysByHash.TryGetValue(hex, out var record)
            && (record.ExpiresAt is null || record.ExpiresAt > DateTimeOffset.UtcNow)
            ? new CallerIdentity(record.UserId, record.Id, record.Role)
            : null;
    }
}
