using System.Security.Cryptography;

namespace Switchboard.Core.Secrets;

/// <summary>Finds the master key: from the environment, else from a key file beside the database, else by generating that file.</summary>
/// <remarks>Thread-safe; concurrent first starts that race to generate the file end up sharing one key.</remarks>
public static class MasterKeyResolver
{
    /// <summary>The environment variable that holds the master key.</summary>
    public const string EnvironmentVariable = "SWITCHBOARD_MASTER_KEY";

    /// <summary>The alias accepted from classic <c>llm_mgr</c> deployments.</summary>
    public const string AliasEnvironmentVariable = "LLM_KEY";

    /// <summary>The name of the key file kept beside the database.</summary>
    public const string KeyFileName = "switchboard.master.key";

    private const int GeneratedKeyBytes = 32;

    /// <summary>Resolves the master key, generating a key file when nothing supplies one.</summary>
    /// <param name="keyFileDirectory">The directory of the key file, normally the database's directory.</param>
    /// <param name="getEnvironmentVariable">Reads an environment variable; injected so tests need not touch the real environment.</param>
    /// <returns>The key and where it came from.</returns>
    /// <exception cref="InvalidOperationException">The key file exists but is empty.</exception>
    public static MasterKeyResolution Resolve(string keyFileDirectory, Func<string, string?> getEnvironmentVariable)
    {
        if (TryResolveExisting(keyFileDirectory, getEnvironmentVariable) is { } existing)
        {
            return existing;
        }

        var path = KeyFilePath(keyFileDirectory);

        // Processes starting together must agree on one key: generation runs under an exclusive lock file, because
        // File.Move without overwrite falls back to a check-then-rename on file systems without hard links.
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (HoldGenerationLock(path))
        {
            if (File.Exists(path))
            {
                return new MasterKeyResolution(ReadKeyFile(path), MasterKeySource.File, path);
            }

            return TryGenerate(path, out var generated)
                ? new MasterKeyResolution(generated, MasterKeySource.Generated, path)
                : new MasterKeyResolution(ReadKeyFile(path), MasterKeySource.File, path);
        }
    }

    /// <summary>Finds the master key from the environment or an existing key file, and never generates one.</summary>
    /// <param name="keyFileDirectory">The directory of the key file, normally the database's directory.</param>
    /// <param name="getEnvironmentVariable">Reads an environment variable.</param>
    /// <returns>The key and where it came from, or null when nothing supplies one (a start would generate it).</returns>
    /// <exception cref="InvalidOperationException">The key file exists but is empty.</exception>
    /// <remarks>For checks that must leave a fresh install untouched, such as the CLI's <c>check</c>.</remarks>
    public static MasterKeyResolution? TryResolveExisting(string keyFileDirectory, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyFileDirectory);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);

        var fromEnvironment = getEnvironmentVariable(EnvironmentVariable)?.Trim();
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return new MasterKeyResolution(fromEnvironment, MasterKeySource.Environment, null);
        }

        var fromAlias = getEnvironmentVariable(AliasEnvironmentVariable)?.Trim();
        if (!string.IsNullOrEmpty(fromAlias))
        {
            return new MasterKeyResolution(fromAlias, MasterKeySource.Alias, null);
        }

        var path = KeyFilePath(keyFileDirectory);
        return File.Exists(path) ? new MasterKeyResolution(ReadKeyFile(path), MasterKeySource.File, path) : null;
    }

    /// <summary>Gets the full path of the key file in <paramref name="keyFileDirectory"/>.</summary>
    public static string KeyFilePath(string keyFileDirectory) => Path.GetFullPath(Path.Combine(keyFileDirectory, KeyFileName));

    private static FileStream HoldGenerationLock(string path)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }

    private static string ReadKeyFile(string path)
    {
        var key = File.ReadAllText(path).Trim();
        if (key.Length == 0)
        {
            // Regenerating here could orphan every sealed secret, so an empty file stops the start instead.
            throw new InvalidOperationException(
                $"The master key file {path} is empty. Restore the original file, or set {EnvironmentVariable} to the original master key.");
        }

        return key;
    }

    private static bool TryGenerate(string path, out string key)
    {
        key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedKeyBytes));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Write a private temporary file and link it into place, so no reader ever sees a partial or world-readable key.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
            {
                writer.Write(key);
                writer.Flush();
                ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The create mode is filtered by the umask; set it explicitly so the result is exactly owner read/write.
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process generated the file first; its key wins.
                key = string.Empty;
                return false;
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
