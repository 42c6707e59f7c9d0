namespace Switchboard.Core.Pricing;

/// <summary>Thrown when a price file cannot be read at all: not JSON, or a root that is not an object.</summary>
/// <remarks>The message names the file and the line and byte where reading stopped. Single bad entries never throw; they are skipped.</remarks>
public sealed class PriceFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PriceFileException()
    {
    }

    /// <summary>Creates the exception with a message that names the file and position.</summary>
    public PriceFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the parser error behind it.</summary>
    public PriceFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
