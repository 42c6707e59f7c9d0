namespace Switchboard.Providers.Anthropic;

/// <summary>Holds what one scan of an Anthropic stream event found, as offsets into the event's data.</summary>
/// <remarks>A mutable struct filled in place so the hot path allocates nothing per event.</remarks>
internal struct AnthropicStreamEvent
{
    public AnthropicStreamEventType Type;

    /// <summary>The content block index, or -1.</summary>
    public int Index;

    /// <summary>The <c>content_block.type</c> of a start event, or the <c>delta.type</c> of a delta event.</summary>
    public AnthropicBlockType Block;

    /// <summary>The text a block starts with or a delta carries: <c>text</c>, <c>partial_json</c>, <c>thinking</c> or <c>signature</c>.</summary>
    public JsonToken Text;

    /// <summary>The UTF-8 length of <see cref="Text"/> once unescaped.</summary>
    public int TextBytes;

    public JsonToken ToolId;
    public JsonToken ToolName;
    public JsonToken StopReason;
    public JsonToken MessageId;
    public JsonToken Model;
    public JsonToken ErrorType;
    public JsonToken ErrorMessage;
    public AnthropicUsage Usage;
    public bool HasUsage;
}
