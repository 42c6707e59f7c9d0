using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Core.Secrets;

/// <summary>Seals and opens secrets with AES-256-GCM under a data key derived from the master key.</summary>
/// <remarks>
/// A sealed value is <c>ENC:v1:</c> followed by base64 of nonce (12 bytes), ciphertext and tag (16 bytes).
/// The data key comes from HKDF-SHA256 over the UTF-8 master key, so the master key itself never touches a cipher.
/// Instances are immutable and thread-safe; each call uses its own <see cref="AesGcm"/>.
/// </remarks>
public sealed class SecretSealer
{
    /// <summary>The prefix every sealed value starts with, whatever its version.</summary>
    public const string SealedPrefix = "ENC:";

    /// <summary>The prefix of values this build writes.</summary>
    public const string CurrentPrefix = "ENC:v1:";

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int DataKeySize = 32;

    // Fixed, public salt: HKDF only needs it to be constant; the secrecy lives in the master key.
    private static readonly byte[] Salt = "switchboard/secrets/salt"u8.ToArray();
    private static readonly byte[] Info = "switchboard/secrets/v1"u8.ToArray();

    private readonly byte[] _dataKey;

    /// <summary>Initializes a new instance of the <see cref="SecretSealer"/> class from the master key.</summary>
    /// <param name="masterKey">The master key text; it is only used to derive the data key and is not kept.</param>
    public SecretSealer(string masterKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(masterKey);
        _dataKey = DeriveDataKey(masterKey);
    }

    /// <summary>Tells whether a value is in sealed form, readable by this build or not.</summary>
    /// <param name="value">The stored value.</param>
    /// <returns>True when it starts with <c>ENC:</c>; such a value must be opened, never used as plain text.</returns>
    public static bool IsSealed(string? value) => value is not null && value.StartsWith(SealedPrefix, StringComparison.Ordinal);

    /// <summary>Seals a secret, binding it to <paramref name="associatedData"/>.</summary>
    /// <param name="plaintext">The secret.</param>
    /// <param name="associatedData">The context from <see cref="SecretContexts"/> that must be given again to open it.</param>
    /// <returns>The <c>ENC:v1:</c> value.</returns>
    public string Seal(string plaintext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(associatedData);

        var plainBytes = Encoding.UTF8.GetBytes(plaintext);
        var payload = new byte[NonceSize + plainBytes.Length + TagSize];
        var nonce = payload.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        try
        {
            using var aes = new AesGcm(_dataKey, TagSize);
            aes.Encrypt(
                nonce,
                plainBytes,
                payload.AsSpan(NonceSize, plainBytes.Length),
                payload.AsSpan(NonceSize + plainBytes.Length, TagSize),
                Encoding.UTF8.GetBytes(associatedData));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plainBytes);
        }

        return CurrentPrefix + Convert.ToBase64String(payload);
    }

    /// <summary>Opens a sealed value, reporting failure as a result.</summary>
    /// <param name="sealedValue">The <c>ENC:v1:</c> value.</param>
    /// <param name="associatedData">The context it was sealed with.</param>
    /// <param name="plaintext">The secret, or an empty string on failure.</param>
    /// <returns>True when the value opened.</returns>
    public bool TryUnseal(string sealedValue, string associatedData, out string plaintext) =>
        TryUnseal(sealedValue, associatedData, out plaintext, out _);

    /// <summary>Opens a sealed value, reporting failure and its reason as results.</summary>
    /// <param name="sealedValue">The <c>ENC:v1:</c> value.</param>
    /// <param name="associatedData">The context it was sealed with.</param>
    /// <param name="plaintext">The secret, or an empty string on failure.</param>
    /// <param name="failure">Why it did not open; meaningless on success.</param>
    /// <returns>True when the value opened.</returns>
    public bool TryUnseal(string sealedValue, string associatedData, out string plaintext, out SecretUnsealFailure failure)
    {
        ArgumentNullException.ThrowIfNull(associatedData);
        plaintext = string.Empty;
        var result = Open(sealedValue, associatedData, ref plaintext);
        failure = result.GetValueOrDefault();
        return result is null;
    }

    /// <summary>Opens a sealed value.</summary>
    /// <param name="sealedValue">The <c>ENC:v1:</c> value.</param>
    /// <param name="associatedData">The context it was sealed with.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="SecretUnsealException">The value cannot be opened; the message names no secret.</exception>
    public string Unseal(string sealedValue, string associatedData)
    {
        if (!TryUnseal(sealedValue, associatedData, out var plaintext, out var failure))
        {
            throw new SecretUnsealException(failure);
        }

        return plaintext;
    }

    private static byte[] DeriveDataKey(string masterKey)
    {
        var ikm = Encoding.UTF8.GetBytes(masterKey);
        try
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, DataKeySize, Salt, Info);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
        }
    }

    private SecretUnsealFailure? Open(string? sealedValue, string associatedData, ref string plaintext)
    {
        if (!IsSealed(sealedValue))
        {
            return SecretUnsealFailure.NotSealed;
        }

        // An unknown version must fail loudly: treating "ENC:v9:..." as plain text would send ciphertext upstream.
        if (!sealedValue!.StartsWith(CurrentPrefix, StringComparison.Ordinal))
        {
            return SecretUnsealFailure.UnsupportedVersion;
        }

        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(sealedValue[CurrentPrefix.Length..]);
        }
        catch (FormatException)
        {
            return SecretUnsealFailure.Malformed;
        }

        if (payload.Length < NonceSize + TagSize)
        {
            return SecretUnsealFailure.Malformed;
        }

        var cipherLength = payload.Length - NonceSize - TagSize;
        var plainBytes = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_dataKey, TagSize);
            aes.Decrypt(
                payload.AsSpan(0, NonceSize),
                payload.AsSpan(NonceSize, cipherLength),
                payload.AsSpan(NonceSize + cipherLength, TagSize),
                plainBytes,
                Encoding.UTF8.GetBytes(associatedData));
            plaintext = Encoding.UTF8.GetString(plainBytes);
            return null;
        }
        catch (AuthenticationTagMismatchException)
        {
            return SecretUnsealFailure.KeyMismatch;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plainBytes);
        }
    }
}
