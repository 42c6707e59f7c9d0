using Switchboard.Testing;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// A gateway over two OpenAI-style fake sources, <c>primary</c> then <c>secondary</c>, that share the display name
/// <c>shared</c>; the routing and failover tests start one per test.
/// </summary>
/// <remarks>By default the secondary answers "from secondary" (streamed as two chunks when asked to stream) and the primary has the fake's default handler.</remarks>
public abstract class TwoSourceTestBase : IAsyncLifetime
{
    protected FakeUpstream Primary { get; private set; } = null!;

    protected FakeUpstream Secondary { get; private set; } = null!;

    protected GatewayHost Host { get; private set; } = null!;

    /// <summary>Gets extra gateway settings, or null.</summary>
    protected virtual Dictionary<string, string?>? Settings => null;

    /// <summary>Gets a value indicating whether both sources also serve the embedding model <c>vec</c> (<c>emb-a</c>, <c>emb-b</c>).</summary>
    protected virtual bool ServesEmbeddings => false;

    public async Task InitializeAsync()
    {
        Primary = await FakeUpstream.StartAsync();
        Secondary = await FakeUpstream.StartAsync();
        ConfigureUpstreams();
        Host = await GatewayHost.StartAsync(Yaml(Primary.BaseUrl, Secondary.BaseUrl, ServesEmbeddings), settings: Settings);
    }

    /// <summary>Returns the platforms file of two OpenAI-style platforms, <c>primary</c> then <c>secondary</c>, sharing the display name <c>shared</c> (and <c>vec</c>, an embedding model, when asked).</summary>
    public static string Yaml(Uri primary, Uri secondary, bool servesEmbeddings = false) =>
        $$"""
        platforms:
          primary:
            kind: openai
            base_url: {{primary}}v1
            api_key: sk-primary-0001
            models: { shared: gpt-a{{Embedding(servesEmbeddings, "emb-a")}} }
          secondary:
            kind: openai
            base_url: {{secondary}}v1
            api_key: sk-secondary-0002
            models: { shared: gpt-b{{Embedding(servesEmbeddings, "emb-b")}} }
        """;

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Primary.DisposeAsync();
        await Secondary.DisposeAsync();
    }

    private static string Embedding(bool serves, string upstreamModel) => serves ? $", vec: {{ model_name: {upstreamModel}, type: embedding }}" : "";

    /// <summary>Sets the fakes' handlers before the gateway starts.</summary>
    protected virtual void ConfigureUpstreams() =>
        Secondary.Handler = (ctx, r) => r.Json().RootElement.TryGetProperty("stream", out _)
            ? FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["from ", "secondary"]))
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from secondary"));
}
