using System.CommandLine;
using System.Data.Common;
using Switchboard.Core.Configuration;

namespace Switchboard.Server.Cli;

/// <summary>Runs a command's body and turns what it throws into one scrubbed line on standard error and an exit code.</summary>
/// <remarks>No stack trace is ever printed: a message says what failed, and <see cref="CliContext.Scrub"/> keeps secrets out of it.</remarks>
internal static class CliAction
{
    /// <summary>The exit code of a command stopped by Ctrl+C, as shells report a process ended by SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>Sets <paramref name="body"/> as <paramref name="command"/>'s action.</summary>
    public static void Set(Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await body(parse, cancellationToken);
            }
            catch (CliFailure e)
            {
                context.WriteError(e.Message);
                return e.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                context.WriteError("interrupted.");
                return Interrupted;
            }
            catch (ConfigurationFileException e)
            {
                context.WriteError(e.Message);
                return CliExitCodes.PlatformsFile;
            }
            catch (DbException e)
            {
                context.WriteError($"the database failed: {e.Message}");
                return CliExitCodes.Database;
            }
#pragma warning disable CA1031 // The last resort of a command line: one readable line and exit 1, never a stack trace.
            catch (Exception e)
#pragma warning restore CA1031
            {
                context.WriteError($"{e.GetType().Name}: {e.Message}");
                return CliExitCodes.Failed;
            }
        });
    }
}
