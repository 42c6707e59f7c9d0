namespace Switchboard.Core.Secrets;

/// <summary>Checks at startup that the master key is the one that sealed the stored secrets.</summary>
/// <remarks>
/// A small known value sealed under <see cref="SecretContexts.MasterKeyCheck"/> is stored with the data. Opening it
/// proves the key before any request runs, so a wrong key is a loud startup error instead of every upstream key
/// silently looking "not configured".
/// </remarks>
public static class MasterKeyVerifier
{
    /// <summary>The setting name under which hosts store the check value.</summary>
    public const string CheckSettingName = "secrets.master_key_check";

    private const string CheckPlaintext = "switchboard master key check v1";

    /// <summary>Verifies the master key against the stored check value, or creates the check value to store.</summary>
    /// <param name="sealer">The sealer built from the current master key.</param>
    /// <param name="storedCheckValue">The stored check value, or null when none was stored yet.</param>
    /// <param name="sealedDataExists">Whether any sealed secret is stored.</param>
    /// <param name="keySource">Where the current key came from, named in the error; optional.</param>
    /// <returns>The outcome, with the new check value the caller must store when one was created.</returns>
    /// <exception cref="InvalidOperationException">The master key does not match the key that sealed the stored secrets.</exception>
    /// <remarks>
    /// When sealed data exists but no check value was stored (data written before checks existed), nothing can be
    /// proven; a check value is created so the next start is verified, and the outcome says so for the caller to log.
    /// </remarks>
    public static MasterKeyVerification Verify(SecretSealer sealer, string? storedCheckValue, bool sealedDataExists, MasterKeyResolution? keySource = null)
    {
        ArgumentNullException.ThrowIfNull(sealer);

        if (string.IsNullOrEmpty(storedCheckValue))
        {
            var outcome = sealedDataExists ? MasterKeyVerificationOutcome.CreatedUnverified : MasterKeyVerificationOutcome.Created;
            return new MasterKeyVerification(outcome, CreateCheck(sealer));
        }

        if (!sealer.TryUnseal(storedCheckValue, SecretContexts.MasterKeyCheck, out var plaintext, out var failure))
        {
            throw new InvalidOperationException(BuildMessage(failure, keySource));
        }

        if (!string.Equals(plaintext, CheckPlaintext, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(BuildMessage(SecretUnsealFailure.KeyMismatch, keySource));
        }

        return new MasterKeyVerification(MasterKeyVerificationOutcome.Verified, null);
    }

    /// <summary>Seals a fresh check value with the current master key.</summary>
    /// <param name="sealer">The sealer built from the current master key.</param>
    /// <returns>The check value to store.</returns>
    public static string CreateCheck(SecretSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        return sealer.Seal(CheckPlaintext, SecretContexts.MasterKeyCheck);
    }

    private static string BuildMessage(SecretUnsealFailure failure, MasterKeyResolution? keySource)
    {
        var origin = keySource is null ? string.Empty : $" The current key came from {keySource.DescribeSource()}.";
        var hint = keySource?.Generated == true
            ? " A key generated on this start usually means the original key was not given to this machine or container."
            : string.Empty;

        if (failure != SecretUnsealFailure.KeyMismatch)
        {
            return "The stored master key check value cannot be read. "
                + SecretUnsealException.Describe(failure) + origin + " Refusing to start.";
        }

        return "The master key does not match the key that sealed the stored secrets. "
            + $"Set {MasterKeyResolver.EnvironmentVariable} (or {MasterKeyResolver.AliasEnvironmentVariable}) to the original key, "
            + $"or restore the original {MasterKeyResolver.KeyFileName} file beside the database."
            + origin + hint
            + " Stored upstream keys cannot be opened with this key, so Switchboard refuses to start rather than treat them as missing.";
    }
}
