namespace Switchboard.Core.Configuration;

/// <summary>Reports a mistake in a configuration file, with the file, line, column and field it concerns.</summary>
/// <remarks>The message reads <c>{file}:{line}:{column}: {field path}: {what is wrong}</c> and never contains a secret.</remarks>
public sealed class ConfigurationFileException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ConfigurationFileException"/> class for a located mistake.</summary>
    /// <param name="fileName">The file, as it was named to the loader.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    /// <param name="fieldPath">The dotted path of the field, such as <c>platforms.qwen.models</c>.</param>
    /// <param name="problem">What is wrong, naming no secret.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ConfigurationFileException(string fileName, int line, int column, string fieldPath, string problem, Exception? innerException = null)
        : base($"{fileName}:{line}:{column}: {fieldPath}: {problem}", innerException)
    {
        FileName = fileName;
        Line = line;
        Column = column;
        FieldPath = fieldPath;
        Problem = problem;
    }

    /// <summary>Initializes a new instance of the <see cref="ConfigurationFileException"/> class without a location.</summary>
    public ConfigurationFileException()
        : this("The configuration file is invalid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConfigurationFileException"/> class without a location.</summary>
    /// <param name="message">The message.</param>
    public ConfigurationFileException(string message)
        : base(message)
    {
        FileName = string.Empty;
        FieldPath = string.Empty;
        Problem = message;
    }

    /// <summary>Initializes a new instance of the <see cref="ConfigurationFileException"/> class without a location.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying error.</param>
    public ConfigurationFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
        FieldPath = string.Empty;
        Problem = message;
    }

    /// <summary>Gets the file, as it was named to the loader.</summary>
    public string FileName { get; }

    /// <summary>Gets the 1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>Gets the dotted path of the field in error.</summary>
    public string FieldPath { get; }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string Problem { get; }
}
