using Switchboard.Abstractions.Configuration;

namespace Switchboard.Abstractions.Storage;

/// <summary>Changes stored upstream keys one at a time: their pool settings, their secret, or whether they exist.</summary>
/// <remarks>
/// Every change bumps the configuration version in the same transaction (by trigger), so every replica follows it.
/// Implementations are singletons and thread-safe.
/// </remarks>
public interface IPlatformKeyStore
{
    /// <summary>Stores a key's label, weight, priority and status (the other members of <paramref name="key"/> are ignored); returns false when no key has its id.</summary>
    Task<bool> UpdatePlatformKeyAsync(ApiKeyConfig key, CancellationToken cancellationToken);

    /// <summary>Replaces a key's sealed secret and masked form in place, keeping its id, pool settings and quota; a key stored as invalid becomes active.</summary>
    /// <param name="key">The key as it was read: its id, platform and owner must still match, since the secret is sealed to them.</param>
    /// <param name="sealedValue">The new secret, sealed for the key's owner and platform.</param>
    /// <param name="masked">The new secret's masked form.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>False when no key with that id, platform and owner exists (nothing changes then).</returns>
    Task<bool> ReplacePlatformKeySecretAsync(ApiKeyConfig key, string sealedValue, string masked, CancellationToken cancellationToken);

    /// <summary>Deletes a key (a server key or a user's own); returns false when it does not exist.</summary>
    Task<bool> DeletePlatformKeyAsync(long keyId, CancellationToken cancellationToken);
}
