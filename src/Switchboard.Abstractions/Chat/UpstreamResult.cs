namespace Switchboard.Abstractions.Chat;

/// <summary>Holds either a value or an <see cref="UpstreamError"/>, so expected failures travel as values.</summary>
/// <typeparam name="T">The success value.</typeparam>
public readonly struct UpstreamResult<T>
    where T : class
{
    private UpstreamResult(T? value, UpstreamError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>Gets the value when the call succeeded.</summary>
    public T? Value { get; }

    /// <summary>Gets the failure when the call failed.</summary>
    public UpstreamError? Error { get; }

    /// <summary>Gets a value indicating whether the call succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>Creates a successful result.</summary>
    public static UpstreamResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>Creates a failed result.</summary>
    public static UpstreamResult<T> Failure(UpstreamError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Converts a value into a successful result.</summary>
    public static implicit operator UpstreamResult<T>(T value) => Success(value);

    /// <summary>Converts an error into a failed result.</summary>
    public static implicit operator UpstreamResult<T>(UpstreamError error) => Failure(error);
}
