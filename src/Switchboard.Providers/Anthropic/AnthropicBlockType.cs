namespace Switchboard.Providers.Anthropic;

/// <summary>Names the content block types (in <c>content_block_start</c>) and delta types (in <c>content_block_delta</c>) the translator maps.</summary>
internal enum AnthropicBlockType : byte
{
    /// <summary>A block or delta with no OpenAI shape (server tools, citations, redacted thinking); ignored.</summary>
    Other,
    Text,
    ToolUse,
    Thinking,

    /// <summary>An <c>input_json_delta</c>: a fragment of a tool's input.</summary>
    InputJson,

    /// <summary>A <c>signature_delta</c>: the thinking block's signature.</summary>
    Signature,
}
