using Switchboard.Providers.Http;
using Switchboard.Providers.OpenAI;
using Switchboard.Testing;

namespace Switchboard.Providers.Tests.Http;

/// <summary>A fake upstream on loopback and an OpenAI provider whose connections count every byte they read from it.</summary>
internal sealed class CountedUpstream : IAsyncDisposable
{
    private readonly UpstreamHttpClients _clients;

    private CountedUpstream(FakeUpstream fake)
    {
        Fake = fake;
        _clients = new UpstreamHttpClients(Connector.CreateHandler);
        Provider = new OpenAIProvider(_clients);
    }

    public FakeUpstream Fake { get; }

    public ReadCountingConnector Connector { get; } = new();

    public BulkAnswer Bulk { get; } = new();

    public OpenAIProvider Provider { get; }

    public static async Task<CountedUpstream> StartAsync() => new(await FakeUpstream.StartAsync());

    public async ValueTask DisposeAsync()
    {
        _clients.Dispose();
        await Fake.DisposeAsync();
    }
}
