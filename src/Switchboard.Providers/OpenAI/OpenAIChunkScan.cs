using Switchboard.Abstractions.Usage;

namespace Switchboard.Providers.OpenAI;

/// <summary>Holds what one scan of an OpenAI response or chunk found.</summary>
internal struct OpenAIChunkScan
{
    public string? Id;
    public string? Model;
    public long Created;
    public TokenUsage? Usage;
    public bool UsageInChoice;
    public int ChoiceCount;
    public bool HasChoices;
    public string? FinishReason;
    public long TextBytes;
    public bool HasError;
    public bool UsesReasoningField;
}
