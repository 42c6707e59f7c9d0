using Spectre.Console;

namespace Switchboard.Server.Cli;

/// <summary>Shows a spinner and the current step on standard error while a command works, so standard output stays clean for its result.</summary>
/// <remarks>On a console that is not interactive (a pipe, a file, CI) Spectre prints each step once as a plain line instead.</remarks>
internal static class CliProgress
{
    /// <summary>Runs <paramref name="work"/>, which names each new step through the callback it is given.</summary>
    public static Task<T> RunAsync<T>(CliContext context, string firstStep, Func<Action<string>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        return context.Error.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync(Markup.Escape(context.Scrub(firstStep)), status => work(step => status.Status(Markup.Escape(context.Scrub(step)))));
    }
}
