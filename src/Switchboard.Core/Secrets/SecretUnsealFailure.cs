namespace Switchboard.Core.Secrets;

/// <summary>Says why a sealed value could not be opened.</summary>
public enum SecretUnsealFailure
{
    /// <summary>The value has no <c>ENC:</c> prefix, so it is not a sealed value.</summary>
    NotSealed = 1,

    /// <summary>The value carries a format version this build cannot read, or a foreign <c>ENC:</c> format.</summary>
    UnsupportedVersion = 2,

    /// <summary>The value has the right prefix but its payload is truncated or not valid base64.</summary>
    Malformed = 3,

    /// <summary>Authentication failed: a different master key sealed it, it was altered, or it belongs to another record.</summary>
    KeyMismatch = 4,
}
