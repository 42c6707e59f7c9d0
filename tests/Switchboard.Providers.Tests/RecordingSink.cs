using System.Text;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Tests;

/// <summary>A sink that records what a provider's stream hands it: raw passthrough events, or typed events rendered as short strings.</summary>
internal sealed class RecordingSink(string? passthroughProtocol) : IChatStreamSink
{
    public List<(string Name, string Data)> Raw { get; } = [];

    public List<string> Events { get; } = [];

    public string? PassthroughProtocol => passthroughProtocol;

    public void Write(in ChatStreamEvent streamEvent) => Events.Add(streamEvent.Kind switch
    {
        ChatStreamEventKind.Start => $"start {streamEvent.Identity.Id}",
        ChatStreamEventKind.TextDelta => "text " + JsonStringLiteral.Decode(streamEvent.Data),
        ChatStreamEventKind.ReasoningDelta => "reasoning " + JsonStringLiteral.Decode(streamEvent.Data),
        ChatStreamEventKind.ToolCallStart => $"tool {streamEvent.ToolIndex} {JsonStringLiteral.Decode(streamEvent.Data)} {JsonStringLiteral.Decode(streamEvent.Name)}",
        ChatStreamEventKind.ToolCallArgumentsDelta => $"args {streamEvent.ToolIndex} {JsonStringLiteral.Decode(streamEvent.Data)}",
        ChatStreamEventKind.Finish => "finish " + streamEvent.FinishReason,
        ChatStreamEventKind.Usage => $"usage {streamEvent.Usage.InputTokens}/{streamEvent.Usage.OutputTokens}",
        _ => streamEvent.Kind.ToString(),
    });

    public void WriteRaw(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data) => Raw.Add((Encoding.UTF8.GetString(eventName), Encoding.UTF8.GetString(data)));
}
