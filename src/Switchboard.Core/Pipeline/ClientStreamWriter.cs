using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;

namespace Switchboard.Core.Pipeline;

/// <summary>Writes one answer stream in one client protocol: the canonical events as they come, then the protocol's own ending or its error event.</summary>
/// <remarks>
/// One subclass per client protocol, at the edge; the engine drives it through <see cref="ActiveChatStream"/>.
/// <see cref="Output"/> may change between calls (the engine primes into a buffer, then writes to the response), so a
/// writer never keeps a reference to it. Every call writes whole events only. Not thread-safe; one instance per stream.
/// </remarks>
public abstract class ClientStreamWriter : IChatStreamSink, IDisposable
{
    /// <summary>The options of every JSON a client gets: raw UTF-8 (the output is never HTML), written from validated parts.</summary>
    private static readonly JsonWriterOptions ClientJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private IBufferWriter<byte>? _output;
    private Utf8JsonWriter? _json;

    /// <summary>Gets or sets where the writer writes; set by the engine before each read.</summary>
    public IBufferWriter<byte> Output
    {
        get => _output ?? throw new InvalidOperationException("The writer has no output yet.");
        set => _output = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <inheritdoc/>
    public virtual string? PassthroughProtocol => null;

    /// <inheritdoc/>
    public abstract void Write(in ChatStreamEvent streamEvent);

    /// <inheritdoc/>
    public virtual void WriteRaw(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data) =>
        throw new InvalidOperationException($"{GetType().Name} takes no passthrough events; a provider called it without checking {nameof(PassthroughProtocol)}.");

    /// <summary>Ends a stream that finished normally: the protocol's closing events, carrying the final usage.</summary>
    /// <param name="usage">The usage the request is recorded with.</param>
    /// <param name="identity">The id, model and time the upstream's events carried, for a closing event that repeats them.</param>
    public abstract void Complete(TokenUsage usage, ChunkIdentity identity);

    /// <summary>Ends a stream that failed after its first byte: one error event in the protocol's shape, and nothing after it.</summary>
    public abstract void Fail(GatewayError error);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the writer holds (the reused JSON writer).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _json?.Dispose();
        }
    }

    /// <summary>Returns the writer's one JSON writer, reset onto <see cref="Output"/>; one per stream, so an event costs no writer.</summary>
    protected Utf8JsonWriter JsonWriter()
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(Output, ClientJson);
        }
        else
        {
            _json.Reset(Output);
        }

        return _json;
    }

    /// <summary>Writes one whole SSE event: its <c>event:</c> line when <paramref name="eventName"/> is not empty, then <c>data:</c>.</summary>
    protected void WriteSseEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        if (!eventName.IsEmpty)
        {
            WriteBytes("event: "u8);
            WriteBytes(eventName);
            WriteBytes("\n"u8);
        }

        WriteBytes("data: "u8);
        WriteBytes(data);
        WriteBytes("\n\n"u8);
    }

    /// <summary>Copies <paramref name="bytes"/> to <see cref="Output"/>.</summary>
    protected void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        var output = Output;
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
