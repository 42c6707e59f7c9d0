namespace Switchboard.Core.Secrets;

/// <summary>Says what the startup master key check found.</summary>
public enum MasterKeyVerificationOutcome
{
    /// <summary>The stored check value opened: the key is the one that sealed the data.</summary>
    Verified = 0,

    /// <summary>Nothing was sealed yet; a check value was created for the current key.</summary>
    Created = 1,

    /// <summary>Sealed data exists from before check values were stored; the key could not be proven, and a check value was created.</summary>
    CreatedUnverified = 2,
}
