namespace Switchboard.Server.Responses;

/// <summary>A Responses request in the canonical form: the OpenAI Chat body the pipeline runs, and the whole conversation's input items to store.</summary>
/// <param name="ChatBody">The OpenAI Chat Completions body (UTF-8 JSON).</param>
/// <param name="InputJson">The conversation's input items as a JSON array (UTF-8): the previous response's input and output, then this request's input.</param>
internal sealed record ResponsesTranslation(byte[] ChatBody, byte[] InputJson);
