namespace Switchboard.Core.Secrets;

/// <summary>Names the associated data that binds each kind of sealed value to where it is stored.</summary>
/// <remarks>
/// A sealed value opens only with the same associated data, so a ciphertext copied to another row, or from the
/// file into the database, fails to open instead of silently yielding someone else's key.
/// </remarks>
public static class SecretContexts
{
    /// <summary>The context of values sealed by the CLI for the platforms YAML file.</summary>
    public const string File = "sb:file";

    /// <summary>The context of the stored value that proves the master key is the one that sealed the data.</summary>
    public const string MasterKeyCheck = "sb:check";

    /// <summary>Builds the context of a stored upstream key from the identity of its row.</summary>
    /// <param name="ownerUserId">The key's owner: the system user <c>-1</c> or a user id.</param>
    /// <param name="platformName">The platform the key belongs to.</param>
    /// <returns><c>sb:key:{owner}:{platform}</c>, with <c>%</c> and <c>:</c> inside the parts escaped.</returns>
    /// <remarks>
    /// Escaping keeps the context unambiguous: without it the owner <c>a:b</c> with platform <c>c</c> and the owner
    /// <c>a</c> with platform <c>b:c</c> would share a context. Parts without those characters are left as they are.
    /// </remarks>
    public static string PlatformKey(string ownerUserId, string platformName)
    {
        ArgumentNullException.ThrowIfNull(ownerUserId);
        ArgumentNullException.ThrowIfNull(platformName);
        return $"sb:key:{Escape(ownerUserId)}:{Escape(platformName)}";
    }

    private static string Escape(string part) =>
        part.AsSpan().IndexOfAny('%', ':') < 0 ? part : part.Replace("%", "%25", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);
}
