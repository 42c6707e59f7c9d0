using System.CommandLine;
using System.CommandLine.Parsing;

namespace Switchboard.Server.Cli;

/// <summary>The <c>--url</c> and <c>--key</c> options, and what they choose: a running gateway's REST API instead of the local database.</summary>
/// <remarks>One instance serves every command of a parse; an option may belong to several commands.</remarks>
internal sealed class GatewayTarget
{
    /// <summary>The variable that supplies the admin key when <c>--key</c> is not given.</summary>
    public const string KeyVariable = "SWITCHBOARD_ADMIN_KEY";

    public GatewayTarget()
    {
        Url = new Option<Uri?>("--url")
        {
            Description = "Work on the running gateway at this address (http or https) through its REST API, instead of the local database.",
            HelpName = "address",
            CustomParser = ParseUrl,
        };
        Key = new Option<string?>("--key")
        {
            Description = $"The admin key for --url (default: the {KeyVariable} variable, which keeps it out of the process list).",
            HelpName = "admin-key",
        };
    }

    /// <summary>Gets the <c>--url</c> option.</summary>
    public Option<Uri?> Url { get; }

    /// <summary>Gets the <c>--key</c> option.</summary>
    public Option<string?> Key { get; }

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Url);
        command.Options.Add(Key);
    }

    /// <summary>Opens the gateway named by <c>--url</c>, or returns null to work on the local database.</summary>
    /// <param name="parse">The parse result.</param>
    /// <param name="context">The context, which learns the key so no message can show it.</param>
    /// <param name="keyRequired">Whether the command's routes need the admin key.</param>
    /// <exception cref="CliFailure">A key without <c>--url</c>, or no key where one is needed (exit 2).</exception>
    public RemoteGateway? Open(ParseResult parse, CliContext context, bool keyRequired = true)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        var url = parse.GetValue(Url);
        var given = parse.GetValue(Key);
        if (url is null)
        {
            return given is null ? null : throw new CliFailure(CliExitCodes.Usage, "--key needs --url: on the local database no key is needed.");
        }

        var key = string.IsNullOrWhiteSpace(given) ? context.GetEnvironmentVariable(KeyVariable) : given;
        context.AddSecret(key);
        context.AddSecret(url.UserInfo.Split(':', 2) is [_, var password] ? Uri.UnescapeDataString(password) : null);
        if (keyRequired && string.IsNullOrWhiteSpace(key))
        {
            throw new CliFailure(CliExitCodes.Usage, $"--url needs the gateway's admin key: give --key or set {KeyVariable}.");
        }

        return new RemoteGateway(url, key);
    }

    private static Uri? ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        result.AddError("--url must be an http:// or https:// address, such as http://127.0.0.1:8080.");
        return null;
    }
}
