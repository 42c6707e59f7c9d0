using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Core.Secrets;

/// <summary>Creates, hashes and compares virtual API keys.</summary>
/// <remarks>
/// A key is <c>sb-</c> and 32 base62 characters drawn without bias from <see cref="RandomNumberGenerator"/>,
/// about 190 bits. Only its SHA-256 hash and masked form are stored; the full key is shown once.
/// </remarks>
public static class VirtualKeyGenerator
{
    /// <summary>The prefix every virtual key starts with, so leaked keys are easy to spot and scan for.</summary>
    public const string Prefix = "sb-";

    /// <summary>The number of random characters after the prefix.</summary>
    public const int RandomLength = 32;

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Generates a new virtual key.</summary>
    /// <returns>The full key, to be shown once and then only stored as its hash.</returns>
    public static string Generate() => Prefix + RandomNumberGenerator.GetString(Base62, RandomLength);

    /// <summary>Hashes a key for storage and lookup.</summary>
    /// <param name="key">The full key.</param>
    /// <returns>The lowercase hex SHA-256 of the key's UTF-8 bytes.</returns>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Compares two hashes in time that does not depend on where they differ.</summary>
    /// <param name="hashA">One hash.</param>
    /// <param name="hashB">The other hash.</param>
    /// <returns>True when the hashes are equal.</returns>
    public static bool FixedTimeEquals(string hashA, string hashB)
    {
        ArgumentNullException.ThrowIfNull(hashA);
        ArgumentNullException.ThrowIfNull(hashB);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(hashA), Encoding.UTF8.GetBytes(hashB));
    }

    /// <summary>Masks a key for display.</summary>
    /// <param name="key">The full key.</param>
    /// <returns>The masked form, such as <c>sb-A…wxyz</c>.</returns>
    public static string Mask(string key) => SecretMasker.Mask(key);
}
