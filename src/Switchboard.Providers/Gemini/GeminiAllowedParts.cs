namespace Switchboard.Providers.Gemini;

/// <summary>Says which OpenAI content part types a message role may carry.</summary>
internal enum GeminiAllowedParts
{
    /// <summary>Only text (system and developer messages).</summary>
    Text,

    /// <summary>Text and refusals (assistant messages).</summary>
    Assistant,

    /// <summary>Text and media (user messages).</summary>
    User,
}
