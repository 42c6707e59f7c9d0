using System.Security.Cryptography;
using System.Text;
using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Routing;

/// <summary>Names one version of a stored key without revealing anything about its secret.</summary>
/// <remarks>
/// The fingerprint hashes the sealed value, which a fresh random nonce makes different on every save: storing the same
/// secret again (an admin re-entering the key) or a new one gives a new fingerprint, while reloads and restarts keep it.
/// Sixteen hex digits of SHA-256 are plenty to tell versions of one key apart.
/// </remarks>
internal static class KeyFingerprint
{
    /// <summary>Returns the fingerprint of <paramref name="key"/>'s stored version.</summary>
    public static string Of(ApiKeyConfig key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key.SealedValue), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
