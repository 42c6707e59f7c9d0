using Switchboard.Abstractions.Storage;
using Switchboard.Core.Secrets;

namespace Switchboard.Hosting;

/// <summary>Proves the master key against the check value stored with the data, and stores one when there is none yet.</summary>
/// <remarks>Every process that seals or opens stored secrets runs it first: the gateway at startup and the CLI's commands that write keys.</remarks>
public static class MasterKeyCheck
{
    /// <summary>Verifies <paramref name="sealer"/>'s key against the stored check value, creating the check value when none is stored.</summary>
    /// <param name="store">The database.</param>
    /// <param name="sealer">The sealer built from the current master key.</param>
    /// <param name="cancellationToken">Cancels the reads and the write.</param>
    /// <returns>The outcome; <see cref="MasterKeyVerificationOutcome.CreatedUnverified"/> deserves a warning.</returns>
    /// <exception cref="InvalidOperationException">The master key does not match the key that sealed the stored secrets.</exception>
    public static async Task<MasterKeyVerificationOutcome> VerifyAsync(ISwitchboardStore store, SecretSealer sealer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sealer);
        var stored = await store.GetSettingAsync(MasterKeyVerifier.CheckSettingName, cancellationToken).ConfigureAwait(false);
        var sealedData = await store.HasSealedSecretsAsync(cancellationToken).ConfigureAwait(false);
        var verification = MasterKeyVerifier.Verify(sealer, stored, sealedData);
        if (verification.CheckValueToStore is { } check)
        {
            await store.SetSettingAsync(MasterKeyVerifier.CheckSettingName, check, "system", cancellationToken).ConfigureAwait(false);
        }

        return verification.Outcome;
    }
}
