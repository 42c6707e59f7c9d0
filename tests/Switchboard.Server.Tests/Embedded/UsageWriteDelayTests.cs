using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Core.Usage;

namespace Switchboard.Server.Tests.Embedded;

/// <summary>The usage writer's gathering window comes from <c>Switchboard:Usage:WriteDelay</c>.</summary>
public sealed class UsageWriteDelayTests
{
    [Theory]
    [InlineData(null, 50)]
    [InlineData("00:00:02", 2000)]
    [InlineData("0", 0)]
    [InlineData("not a time span", 50)]
    public void WriteDelay_IsReadFromConfiguration(string? configured, int expectedMilliseconds)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-write-delay", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        if (configured is not null)
        {
            builder.Configuration["Switchboard:Usage:WriteDelay"] = configured;
        }

        builder.Services.AddSwitchboard(o =>
        {
            o.DataDirectory = directory;
            o.GetEnvironmentVariable = _ => null;
        });
        using var host = builder.Build();

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), host.Services.GetRequiredService<UsageWriterService>().WriteDelay);
    }
}
