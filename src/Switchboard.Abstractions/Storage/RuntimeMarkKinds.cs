namespace Switchboard.Abstractions.Storage;

/// <summary>Names the kinds of <see cref="RuntimeMark"/>.</summary>
public static class RuntimeMarkKinds
{
    /// <summary>A key cools: the whole key when the mark has no model, else only the (key, model) pair.</summary>
    public const string Cooldown = "cooldown";

    /// <summary>A key was refused as invalid (401, or a 403 about the whole key): it is skipped until an admin revalidates or replaces it.</summary>
    public const string InvalidKey = "invalid_key";

    /// <summary>A source (platform model) is ejected by its circuit breaker until the mark ends.</summary>
    public const string Ejection = "ejection";
}
