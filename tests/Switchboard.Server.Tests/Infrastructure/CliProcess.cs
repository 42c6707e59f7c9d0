using System.Diagnostics;
using System.Text;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Runs the built server binary (<c>dotnet Switchboard.Server.dll</c>) with a command line to completion, and captures its exit code and console.</summary>
/// <remarks>
/// The child starts from this process's environment without any Switchboard variable (so the machine's settings never
/// leak in), plus the given ones. A run that outlives its timeout is killed and fails the test: a command must end on
/// its own, and one that starts a server never would.
/// </remarks>
public static class CliProcess
{
    /// <summary>The variables removed from the child's environment unless the test sets them.</summary>
    private static readonly string[] Isolated =
        ["SWITCHBOARD_ADMIN_KEY", "SWITCHBOARD_MASTER_KEY", "LLM_KEY", "SWITCHBOARD_CONFIG", "SWITCHBOARD_DATA_DIR", "ConnectionStrings__Switchboard"];

    /// <summary>Runs the binary with <paramref name="arguments"/> and waits for it to exit (at most <paramref name="timeout"/>, default 90 s).</summary>
    /// <param name="arguments">The command line.</param>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    /// <param name="workingDirectory">The working directory; a fresh empty one when null (see <see cref="CliResult.WorkingDirectory"/>).</param>
    /// <param name="input">Standard input; closed at once when null.</param>
    /// <param name="timeout">The longest the command may run.</param>
    /// <param name="assembly">The program to run (beside this assembly, with its runtime config); the server when null.</param>
    public static async Task<CliResult> RunAsync(
        IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, string? workingDirectory = null, string? input = null, TimeSpan? timeout = null, string? assembly = null)
    {
        workingDirectory ??= Path.Combine(Path.GetTempPath(), "sb-cli", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(assembly ?? Path.Combine(AppContext.BaseDirectory, "Switchboard.Server.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in Isolated)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"`{string.Join(' ', start.ArgumentList.Skip(1))}` did not exit within {limit.TotalSeconds:0} s.\nstdout:\n{await output}\nstderr:\n{await error}");
        }

        return new CliResult(process.ExitCode, await output, await error, workingDirectory);
    }
}
