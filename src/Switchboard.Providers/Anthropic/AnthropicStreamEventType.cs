namespace Switchboard.Providers.Anthropic;

/// <summary>Names the Anthropic stream event types the translator acts on.</summary>
internal enum AnthropicStreamEventType : byte
{
    Unknown,
    MessageStart,
    ContentBlockStart,
    ContentBlockDelta,
    ContentBlockStop,
    MessageDelta,
    MessageStop,
    Ping,
    Error,
}
