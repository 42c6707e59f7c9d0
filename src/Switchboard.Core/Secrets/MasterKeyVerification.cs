namespace Switchboard.Core.Secrets;

/// <summary>Holds the result of the startup master key check.</summary>
/// <param name="Outcome">What the check found.</param>
/// <param name="CheckValueToStore">A new check value the caller must store, or null when the stored one verified the key.</param>
public sealed record MasterKeyVerification(MasterKeyVerificationOutcome Outcome, string? CheckValueToStore);
