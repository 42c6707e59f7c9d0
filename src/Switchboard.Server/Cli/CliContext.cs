using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Switchboard.Core.Secrets;

using Switchboard.Server.Http;

namespace Switchboard.Server.Cli;

/// <summary>Holds what every command writes to: standard output for results, standard error for progress, warnings and errors.</summary>
/// <remarks>
/// Every message for the operator goes through <see cref="Scrub"/>, which replaces each secret this process knows (the
/// admin and master keys from the environment, the <c>--key</c> value, a connection string's password) with a mask.
/// Results go to standard output so they can be piped; everything else goes to standard error.
/// </remarks>
internal sealed class CliContext
{
    /// <summary>The width text and tables get when output is not a terminal: wide enough that a pipe or a file never wraps a line, so a search finds whole sentences.</summary>
    private const int RedirectedWidth = 4096;

    /// <summary>Indented, with text left readable (a masked key keeps its <c>…</c>): the output is for a terminal or a script, never a web page.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = ServerJsonContext.Default };

    private readonly List<string> _secrets = [];

    public CliContext(TextReader input, TextWriter output, TextWriter error, Func<string, string?> getEnvironmentVariable)
    {
        In = input;
        RawOut = output;
        GetEnvironmentVariable = getEnvironmentVariable;
        Out = CreateConsole(output, Console.IsOutputRedirected);
        Error = CreateConsole(error, Console.IsErrorRedirected);
        ErrorIsTerminal = !Console.IsErrorRedirected;
        foreach (var name in new[] { MasterKeyResolver.EnvironmentVariable, MasterKeyResolver.AliasEnvironmentVariable, "SWITCHBOARD_ADMIN_KEY" })
        {
            AddSecret(getEnvironmentVariable(name));
        }

        AddConnectionStringPassword(getEnvironmentVariable("ConnectionStrings__Switchboard"));
    }

    /// <summary>Gets the console for results (standard output).</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Gets the console for progress, warnings and errors (standard error).</summary>
    public IAnsiConsole Error { get; }

    /// <summary>Gets a value indicating whether standard error is a terminal, where progress can redraw one line in place.</summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>Gets standard output as plain text, for JSON and for a new key that must print exactly as it is.</summary>
    public TextWriter RawOut { get; }

    /// <summary>Gets standard input.</summary>
    public TextReader In { get; }

    /// <summary>Gets how environment variables are read.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; }

    /// <summary>Creates the context of this process's console and environment.</summary>
    public static CliContext ForProcess() => new(Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariable);

    /// <summary>Remembers a secret so that no message shows it; values shorter than 8 characters are too common to replace.</summary>
    public void AddSecret(string? secret)
    {
        var value = secret?.Trim();
        if (value is { Length: >= 8 } && !_secrets.Contains(value, StringComparer.Ordinal))
        {
            _secrets.Add(value);
            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    /// <summary>Remembers the password of a connection string, if it has one.</summary>
    public void AddConnectionStringPassword(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return;
        }

        foreach (var name in new[] { "Password", "Pwd" })
        {
            if (builder.TryGetValue(name, out var password))
            {
                AddSecret(Convert.ToString(password, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Replaces every known secret in <paramref name="text"/> with its masked form.</summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, SecretMasker.FullMask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Writes an error line to standard error.</summary>
    public void WriteError(string message) => Error.Write(new Text($"error: {Scrub(message)}\n", new Style(Color.Red)));

    /// <summary>Writes a warning line to standard error.</summary>
    public void WriteWarning(string message) => Error.Write(new Text($"warning: {Scrub(message)}\n", new Style(Color.Yellow)));

    /// <summary>Writes a line of plain text (never markup) to standard output.</summary>
    public void WriteLine(string text) => Out.Write(new Text(Scrub(text) + "\n"));

    /// <summary>Writes <paramref name="value"/> to standard output as JSON, the shape the admin API answers with.</summary>
    public Task WriteJsonAsync<T>(T value) => RawOut.WriteLineAsync(JsonSerializer.Serialize(value, ServerJson.Of<T>(Json)));

    private static IAnsiConsole CreateConsole(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
