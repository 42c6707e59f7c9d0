using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Embedded;

/// <summary>The README's embedded-use program compiles and runs as written, with its platforms file, against the demo model.</summary>
/// <remarks>
/// The code and the YAML are taken from README.md itself, so the test and the documentation cannot drift apart. The
/// program is compiled as a console app with the implicit usings of <c>dotnet new console</c>, then run in its own
/// process in an empty directory, since it names its database and platforms file by relative paths.
/// </remarks>
public sealed partial class ReadmeSnippetTests
{
    [Fact]
    public async Task EmbeddedSnippet_CompilesAndAnswersFromTheDemoModel()
    {
        var (code, yaml) = ReadSnippet();
        using var program = Compile(code);
        var directory = NewDirectory();
        await File.WriteAllTextAsync(Path.Combine(directory, "platforms.yaml"), yaml);

        var run = await CliProcess.RunAsync([], workingDirectory: directory, assembly: program.Path, timeout: TimeSpan.FromSeconds(120));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("You said: \"Hello\"", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "app-llm.db")), "the program's own database was not created where it said");
    }

    [Fact]
    public async Task EmbeddedSnippet_WithoutItsPlatformsFile_FailsNamingTheFile()
    {
        var (code, _) = ReadSnippet();
        using var program = Compile(code);

        var run = await CliProcess.RunAsync([], workingDirectory: NewDirectory(), assembly: program.Path, timeout: TimeSpan.FromSeconds(120));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("ConfigurationFileException", run.Error, StringComparison.Ordinal);
        Assert.Contains("platforms.yaml: the platforms file does not exist", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Returns the C# program and the YAML file of the README's "Embedded use" section.</summary>
    private static (string Code, string Yaml) ReadSnippet()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("\n## Embedded use\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no 'Embedded use' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var code = Block().Match(section) is { Success: true } c && c.Groups["lang"].Value == "csharp" ? c.Groups["body"].Value : null;
        var yaml = Block().Matches(section).FirstOrDefault(m => m.Groups["lang"].Value == "yaml")?.Groups["body"].Value;
        Assert.NotNull(code);
        Assert.NotNull(yaml);
        return (code, yaml);
    }

    private static CompiledProgram Compile(string code)
    {
        // What 'dotnet new console' puts in scope (ImplicitUsings), so the snippet needs exactly the usings it shows.
        const string ImplicitUsings = """
            global using System;
            global using System.Collections.Generic;
            global using System.IO;
            global using System.Linq;
            global using System.Net.Http;
            global using System.Threading;
            global using System.Threading.Tasks;
            """;
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => MetadataReference.CreateFromFile(path));
        var name = "readme-snippet-" + Guid.NewGuid().ToString("N");
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(code, options, "Program.cs"), CSharpSyntaxTree.ParseText(ImplicitUsings, options, "GlobalUsings.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        // The program sits beside this assembly, with its runtime config and dependency list, so it loads the same engine build.
        var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        var result = compilation.Emit(path);
        Assert.True(result.Success, "the README snippet does not compile:\n" + string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var self = Path.Combine(AppContext.BaseDirectory, typeof(ReadmeSnippetTests).Assembly.GetName().Name!);
        File.Copy(self + ".runtimeconfig.json", Path.Combine(AppContext.BaseDirectory, name + ".runtimeconfig.json"));
        File.Copy(self + ".deps.json", Path.Combine(AppContext.BaseDirectory, name + ".deps.json"));
        return new CompiledProgram(path);
    }

    private static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-readme", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Switchboard.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Switchboard.slnx) is not above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"```(?<lang>[a-z]+)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();

    /// <summary>A compiled program beside the test assembly, removed with its config files when the test ends.</summary>
    private sealed class CompiledProgram(string path) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose()
        {
            foreach (var file in new[] { Path, System.IO.Path.ChangeExtension(Path, ".runtimeconfig.json"), System.IO.Path.ChangeExtension(Path, ".deps.json") })
            {
                File.Delete(file);
            }
        }
    }
}
