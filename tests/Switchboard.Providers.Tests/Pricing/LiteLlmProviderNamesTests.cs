using Switchboard.Providers;
using Switchboard.Providers.Pricing;

namespace Switchboard.Providers.Tests.Pricing;

public sealed class LiteLlmProviderNamesTests
{
    private readonly LiteLlmProviderNames _names = new();

    [Theory]
    [InlineData(ProviderKinds.OpenAI, "deepseek", "deepseek")]
    [InlineData(ProviderKinds.OpenAI, "DashScope", "dashscope")]
    [InlineData(ProviderKinds.OpenAI, "zhipu", "zai")]
    [InlineData(ProviderKinds.OpenAI, "openrouter", "openrouter")]
    [InlineData(ProviderKinds.OpenAI, "vllm", "hosted_vllm")]
    [InlineData(ProviderKinds.OpenAI, null, "openai")]
    [InlineData(ProviderKinds.Anthropic, null, "anthropic")]
    [InlineData(ProviderKinds.Gemini, null, "gemini")]
    [InlineData(ProviderKinds.AzureOpenAI, null, "azure")]
    public void For_KnownKindOrPreset_GivesLiteLlmProviderFirst(string kind, string? preset, string expected) =>
        Assert.Equal(expected, _names.For(kind, preset)[0]);

    [Theory]
    [InlineData(ProviderKinds.OpenAI, "qianfan")]
    [InlineData(ProviderKinds.OpenAI, "hunyuan")]
    [InlineData(ProviderKinds.Demo, null)]
    public void For_VendorLiteLlmDoesNotList_HasNoPrefix_NotEvenItsKinds(string kind, string? preset) =>
        Assert.Empty(_names.For(kind, preset));
}
