namespace Switchboard.Abstractions.Storage;

/// <summary>Thrown when a name that must be unique for its owner is taken.</summary>
public sealed class DuplicateNameException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DuplicateNameException()
    {
    }

    /// <summary>Creates the exception with a message that names the duplicate.</summary>
    public DuplicateNameException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the database error behind it.</summary>
    public DuplicateNameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
