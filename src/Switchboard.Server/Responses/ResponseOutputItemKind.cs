namespace Switchboard.Server.Responses;

/// <summary>Says what one output item of a response is.</summary>
internal enum ResponseOutputItemKind
{
    /// <summary>An assistant message with one <c>output_text</c> (or <c>refusal</c>) part.</summary>
    Message,

    /// <summary>A <c>function_call</c> the client runs and answers with a <c>function_call_output</c>.</summary>
    FunctionCall,

    /// <summary>A <c>reasoning</c> item: the model's thinking as one summary part, with the upstream's signature as <c>encrypted_content</c>.</summary>
    Reasoning,
}
