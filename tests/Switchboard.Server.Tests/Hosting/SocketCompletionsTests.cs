using Switchboard.Server.Hosting;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>The serve command turns the runtime's inline socket completions on, unless the operator set the switch.</summary>
/// <remarks>The runtime reads the variable once, at the first socket, so changing it here does not change this test process's sockets.</remarks>
public sealed class SocketCompletionsTests
{
    [Fact]
    public void RunInlineUnlessConfigured_TurnsThemOn_WhenTheVariableIsUnset()
    {
        var before = Environment.GetEnvironmentVariable(SocketCompletions.Variable);
        try
        {
            Environment.SetEnvironmentVariable(SocketCompletions.Variable, null);
            SocketCompletions.RunInlineUnlessConfigured();
            Assert.Equal("1", Environment.GetEnvironmentVariable(SocketCompletions.Variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SocketCompletions.Variable, before);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    public void RunInlineUnlessConfigured_KeepsTheOperatorsChoice(string configured)
    {
        var before = Environment.GetEnvironmentVariable(SocketCompletions.Variable);
        try
        {
            Environment.SetEnvironmentVariable(SocketCompletions.Variable, configured);
            SocketCompletions.RunInlineUnlessConfigured();
            Assert.Equal(configured, Environment.GetEnvironmentVariable(SocketCompletions.Variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SocketCompletions.Variable, before);
        }
    }
}
