using Spectre.Console;

namespace Switchboard.Server.Cli;

/// <summary>Shows a spinner and the current step on standard error while a command works, so standard output stays clean for its result.</summary>
/// <remarks>
/// When standard error is not a terminal (a pipe, a file, CI) each step is written once as a plain line instead, so a log
/// shows every step; Spectre's own fallback there prints only the steps that happen to meet its refresh.
/// </remarks>
internal static class CliProgress
{
    /// <summary>Runs <paramref name="work"/>, which names each new step through the callback it is given.</summary>
    public static Task<T> RunAsync<T>(CliContext context, string firstStep, Func<Action<string>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        if (!context.ErrorIsTerminal)
        {
            void Log(string step) => context.Error.Write(new Text(context.Scrub(step) + " …\n"));
            Log(firstStep);
            return work(Log);
        }

        return context.Error.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync(Markup.Escape(context.Scrub(firstStep)), status => work(step => status.Status(Markup.Escape(context.Scrub(step)))));
    }
}
