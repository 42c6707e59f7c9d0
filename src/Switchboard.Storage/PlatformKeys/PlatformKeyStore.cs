using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.PlatformKeys;

/// <summary>Changes upstream keys one at a time (<see cref="IPlatformKeyStore"/>).</summary>
internal sealed class PlatformKeyStore(Dialect dialect) : IPlatformKeyStore
{
    /// <inheritdoc />
    public Task<bool> UpdatePlatformKeyAsync(ApiKeyConfig key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteKeyAsync(
            "UPDATE platform_keys SET label = @label, weight = @weight, priority = @priority, status = @status WHERE id = @id",
            cancellationToken,
            ("@label", key.Label),
            ("@weight", key.Weight),
            ("@priority", key.Priority),
            ("@status", EnumText.ToText(key.Status)),
            ("@id", key.Id));
    }

    /// <inheritdoc />
    public Task<bool> ReplacePlatformKeySecretAsync(ApiKeyConfig key, string sealedValue, string masked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(sealedValue);
        ArgumentNullException.ThrowIfNull(masked);

        // An invalid mark belonged to the old secret; a disabled key stays disabled, since an operator chose that.
        return WriteKeyAsync(
            "UPDATE platform_keys SET sealed_value = @sealed_value, masked = @masked, " +
            "status = CASE WHEN status = 'invalid' THEN 'active' ELSE status END " +
            "WHERE id = @id AND platform_id = @platform_id AND owner_user_id = @owner",
            cancellationToken,
            ("@sealed_value", sealedValue),
            ("@masked", masked),
            ("@id", key.Id),
            ("@platform_id", key.PlatformId),
            ("@owner", key.OwnerUserId));
    }

    /// <inheritdoc />
    public Task<bool> DeletePlatformKeyAsync(long keyId, CancellationToken cancellationToken) =>
        WriteKeyAsync("DELETE FROM platform_keys WHERE id = @id", cancellationToken, ("@id", keyId));

    private async Task<bool> WriteKeyAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var rows = await session.ExecuteAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows > 0;
    }
}
