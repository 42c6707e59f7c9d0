namespace Switchboard.Console.Api;

/// <summary>Reports a refused or failed call to the gateway, carrying the gateway's own <c>error.message</c>.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception for an HTTP status and the gateway's error fields.</summary>
    public ApiException(int status, string message, string? code = null)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    /// <summary>Creates the exception with a message only, for a call that got no answer.</summary>
    public ApiException()
        : this(0, "The gateway did not answer.")
    {
    }

    /// <summary>Creates the exception with a message only, for a call that got no answer.</summary>
    public ApiException(string message)
        : this(0, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause, for a call that got no answer.</summary>
    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the HTTP status, or 0 when the gateway could not be reached.</summary>
    public int Status { get; }

    /// <summary>Gets the gateway's error code (<c>error.code</c>), when it sent one.</summary>
    public string? Code { get; }
}
