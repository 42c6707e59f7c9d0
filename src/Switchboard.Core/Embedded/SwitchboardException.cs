using Switchboard.Core.Errors;

namespace Switchboard.Core.Embedded;

/// <summary>Reports a gateway error to embedded callers, carrying the same status, type and code the HTTP API returns.</summary>
public sealed class SwitchboardException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public SwitchboardException(GatewayError error)
        : base(error?.Message)
    {
        Error = error!;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public SwitchboardException()
        : this(new GatewayError(500, "server_error", "internal_error", "Unknown error."))
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public SwitchboardException(string message)
        : this(new GatewayError(500, "server_error", "internal_error", message))
    {
    }

    /// <summary>Creates an exception with a message and inner exception.</summary>
    public SwitchboardException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new GatewayError(500, "server_error", "internal_error", message);
    }

    /// <summary>Gets the error.</summary>
    public GatewayError Error { get; }

    /// <summary>Gets the HTTP status the gateway would have returned.</summary>
    public int Status => Error.Status;
}
