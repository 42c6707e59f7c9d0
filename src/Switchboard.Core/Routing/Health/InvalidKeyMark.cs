namespace Switchboard.Core.Routing.Health;

/// <summary>Records that the provider refused one version of a key as invalid (401, or a 403 about the whole key).</summary>
/// <param name="Fingerprint">The fingerprint of the refused key version (<see cref="KeyEntry.Fingerprint"/>), or null when unknown (it then covers any version).</param>
/// <param name="Reason">Why, for operators: the error kind and upstream status, never the upstream's message.</param>
/// <param name="SinceTicks">When the key was first refused (UTC ticks).</param>
internal sealed record InvalidKeyMark(string? Fingerprint, string Reason, long SinceTicks)
{
    /// <summary>Returns whether the mark applies to the key version named by <paramref name="fingerprint"/>.</summary>
    public bool Covers(string? fingerprint) => Fingerprint is null || fingerprint is null || string.Equals(Fingerprint, fingerprint, StringComparison.Ordinal);
}
