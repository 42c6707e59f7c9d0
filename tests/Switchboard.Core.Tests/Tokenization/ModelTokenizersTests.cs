using Switchboard.Core.Tokenization;

namespace Switchboard.Core.Tests.Tokenization;

public sealed class ModelTokenizersTests
{
    [Theory]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("gpt-4o-mini-2024-07-18", "o200k_base")]
    [InlineData("GPT-4o", "o200k_base")]
    [InlineData("chatgpt-4o-latest", "o200k_base")]
    [InlineData("gpt-4.1-nano", "o200k_base")]
    [InlineData("gpt-4.5-preview", "o200k_base")]
    [InlineData("gpt-5", "o200k_base")]
    [InlineData("gpt-5.1-codex", "o200k_base")]
    [InlineData("o1", "o200k_base")]
    [InlineData("o1-mini", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("o4-mini-2025-04-16", "o200k_base")]
    [InlineData("ft:gpt-4o-mini-2024-07-18:acme::abc123", "o200k_base")]
    [InlineData("openai/gpt-4o", "o200k_base")]
    [InlineData("gpt-oss-120b", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-4-0613", "cl100k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-4-32k", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo-0125", "cl100k_base")]
    [InlineData("gpt-35-turbo", "cl100k_base")]
    [InlineData("ft:gpt-3.5-turbo-0613:acme::xyz", "cl100k_base")]
    [InlineData("text-embedding-ada-002", "cl100k_base")]
    [InlineData("text-embedding-3-small", "cl100k_base")]
    [InlineData("text-embedding-3-large", "cl100k_base")]
    [InlineData("claude-sonnet-4-5", null)]
    [InlineData("gemini-2.5-pro", null)]
    [InlineData("qwen-max", null)]
    [InlineData("deepseek-chat", null)]
    [InlineData("gpt-4x", null)]
    [InlineData("my-azure-deployment", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void EncodingNameForModel_FollowsTheModelTable(string? model, string? expected)
    {
        Assert.Equal(expected, ModelTokenizers.EncodingNameForModel(model));
        Assert.Equal(expected, ModelTokenizers.ForModel(model)?.Name);
    }
}
