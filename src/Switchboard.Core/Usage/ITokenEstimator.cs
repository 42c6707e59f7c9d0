namespace Switchboard.Core.Usage;

/// <summary>Estimates token counts locally when a provider reports none.</summary>
public interface ITokenEstimator
{
    /// <summary>Estimates the input tokens of an OpenAI-shaped chat request body, per-message overhead included.</summary>
    long EstimatePromptTokens(ReadOnlySpan<byte> requestBody, string? model);

    /// <summary>Estimates the tokens of <paramref name="utf8ByteCount"/> bytes of generated text.</summary>
    long EstimateOutputTokens(long utf8ByteCount, string? model);
}
