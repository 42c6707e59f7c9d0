namespace Switchboard.Core.Secrets;

/// <summary>Reports that a sealed secret could not be opened.</summary>
/// <remarks>The message describes the failure only; it never contains the sealed value or the secret.</remarks>
public sealed class SecretUnsealException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="SecretUnsealException"/> class for a known failure.</summary>
    /// <param name="failure">Why the value could not be opened.</param>
    public SecretUnsealException(SecretUnsealFailure failure)
        : base(Describe(failure))
    {
        Failure = failure;
    }

    /// <summary>Initializes a new instance of the <see cref="SecretUnsealException"/> class for a key mismatch.</summary>
    public SecretUnsealException()
        : this(SecretUnsealFailure.KeyMismatch)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SecretUnsealException"/> class with a custom message.</summary>
    /// <param name="message">The message, which must not contain a secret.</param>
    public SecretUnsealException(string message)
        : base(message)
    {
        Failure = SecretUnsealFailure.KeyMismatch;
    }

    /// <summary>Initializes a new instance of the <see cref="SecretUnsealException"/> class with a custom message and cause.</summary>
    /// <param name="message">The message, which must not contain a secret.</param>
    /// <param name="innerException">The underlying error.</param>
    public SecretUnsealException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = SecretUnsealFailure.KeyMismatch;
    }

    /// <summary>Gets why the value could not be opened.</summary>
    public SecretUnsealFailure Failure { get; }

    /// <summary>Describes a failure in words fit for a log line or an error body.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>A sentence that names no secret.</returns>
    public static string Describe(SecretUnsealFailure failure) => failure switch
    {
        SecretUnsealFailure.NotSealed => "The value is not a sealed secret: it has no ENC: prefix.",
        SecretUnsealFailure.UnsupportedVersion =>
            "The sealed value uses a format this build cannot open (it opens ENC:v1: values); "
            + "values sealed by another tool or a newer Switchboard must be sealed again with the `seal` command (`dotnet Switchboard.Server.dll seal`).",
        SecretUnsealFailure.Malformed => "The sealed value is damaged: its ENC:v1: payload is truncated or not valid base64.",
        _ => "The sealed value cannot be opened: the master key does not match the key that sealed it, "
            + "or the value was altered or copied from another record.",
    };
}
