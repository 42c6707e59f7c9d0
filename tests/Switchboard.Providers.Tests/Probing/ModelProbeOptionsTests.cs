using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Providers.Probing;

namespace Switchboard.Providers.Tests.Probing;

public sealed class ModelProbeOptionsTests
{
    [Fact]
    public void Validator_DefaultOptions_Pass()
    {
        Assert.True(new ModelProbeOptionsValidator().Validate(null, new ModelProbeOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, 1024, 3, "10.0.0.0/8", "Timeout")]
    [InlineData(8, 0, 3, "10.0.0.0/8", "MaxResponseBytes")]
    [InlineData(8, 1024, -1, "10.0.0.0/8", "MaxRedirects")]
    [InlineData(8, 1024, 11, "10.0.0.0/8", "MaxRedirects")]
    [InlineData(8, 1024, 3, "10.0.0.0/99", "AllowList")]
    [InlineData(8, 1024, 3, "not a host", "AllowList")]
    public void Validator_BadOptions_FailAndNameTheSetting(int timeoutSeconds, int maxBytes, int maxRedirects, string entry, string setting)
    {
        var options = new ModelProbeOptions { Timeout = TimeSpan.FromSeconds(timeoutSeconds), MaxResponseBytes = maxBytes, MaxRedirects = maxRedirects };
        options.AllowList.Add(entry);

        var result = new ModelProbeOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"{ModelProbeOptions.SectionName}:{setting}", result.FailureMessage, StringComparison.Ordinal);
        var error = Assert.Throws<OptionsValidationException>(() => new ModelProbe(Options.Create(options), NullLogger<ModelProbe>.Instance, TimeProvider.System));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddModelProbe_WithBoundSection_ResolvesOneProbeWithTheAllowList()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Switchboard:Probe:Timeout"] = "00:00:03",
            ["Switchboard:Probe:MaxResponseBytes"] = "65536",
            ["Switchboard:Probe:MaxRedirects"] = "1",
            ["Switchboard:Probe:AllowList:0"] = "10.1.0.0/16",
            ["Switchboard:Probe:AllowList:1"] = "ollama.internal:11434",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddModelProbe();
        services.Configure<ModelProbeOptions>(configuration.GetSection(ModelProbeOptions.SectionName));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var probe = provider.GetRequiredService<ModelProbe>();
        var options = provider.GetRequiredService<IOptions<ModelProbeOptions>>().Value;

        Assert.Same(probe, provider.GetRequiredService<ModelProbe>());
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal(65536, options.MaxResponseBytes);
        Assert.Equal(1, options.MaxRedirects);
        Assert.Equal(["10.1.0.0/16", "ollama.internal:11434"], options.AllowList);
        Assert.True(probe.Guard.IsAllowed(System.Net.IPAddress.Parse("10.1.9.9"), 80));
        Assert.True(probe.Guard.IsAllowListed("ollama.internal", 11434));
        Assert.False(probe.Guard.IsAllowed(System.Net.IPAddress.Loopback, 80));
    }

    [Fact]
    public void AddModelProbe_WithBadAllowList_FailsWhenTheOptionsAreRead()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddModelProbe();
        services.Configure<ModelProbeOptions>(o => o.AllowList.Add("10.0.0.0/40"));
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ModelProbe>());
    }

    [Fact]
    public void AddModelProbe_TwiceRegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddModelProbe();
        services.AddModelProbe();

        Assert.Single(services, d => d.ServiceType == typeof(ModelProbe));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<ModelProbeOptions>));
    }
}
