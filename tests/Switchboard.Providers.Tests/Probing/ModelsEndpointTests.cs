using Switchboard.Providers.Probing;

namespace Switchboard.Providers.Tests.Probing;

public sealed class ModelsEndpointTests
{
    [Theory]
    [InlineData("https://api.openai.com", "https://api.openai.com/v1/models")]
    [InlineData("https://api.openai.com/", "https://api.openai.com/v1/models")]
    [InlineData("https://api.openai.com/v1", "https://api.openai.com/v1/models")]
    [InlineData("https://api.openai.com/v1/", "https://api.openai.com/v1/models")]
    [InlineData("https://api.openai.com/v1/models", "https://api.openai.com/v1/models")]
    [InlineData("https://api.openai.com/v1/models/", "https://api.openai.com/v1/models")]
    [InlineData("https://open.bigmodel.cn/api/paas/v4", "https://open.bigmodel.cn/api/paas/v4/models")]
    [InlineData("https://dashscope.aliyuncs.com/compatible-mode/v1", "https://dashscope.aliyuncs.com/compatible-mode/v1/models")]
    [InlineData("https://ark.cn-beijing.volces.com/api/v3", "https://ark.cn-beijing.volces.com/api/v3/models")]
    [InlineData("https://generativelanguage.googleapis.com/v1beta/openai", "https://generativelanguage.googleapis.com/v1beta/openai/models")]
    [InlineData("https://api.groq.com/openai", "https://api.groq.com/openai/v1/models")]
    [InlineData("https://host/V2", "https://host/V2/models")]
    [InlineData("https://host/video", "https://host/video/v1/models")]
    [InlineData("http://127.0.0.1:11434", "http://127.0.0.1:11434/v1/models")]
    [InlineData("https://host/v1?api-version=2024-10-21", "https://host/v1/models?api-version=2024-10-21")]
    [InlineData("https://host/v1#fragment", "https://host/v1/models")]
    public void Resolve_BuildsTheModelListUrl(string baseUrl, string expected)
    {
        Assert.Equal(expected, ModelsEndpoint.Resolve(new Uri(baseUrl)).AbsoluteUri);
    }

    [Theory]
    [InlineData("v1", true)]
    [InlineData("V4", true)]
    [InlineData("v10", true)]
    [InlineData("v1beta", true)]
    [InlineData("v1alpha1", true)]
    [InlineData("v2beta3", true)]
    [InlineData("v", false)]
    [InlineData("v1x", false)]
    [InlineData("video", false)]
    [InlineData("version", false)]
    [InlineData("1", false)]
    [InlineData("vbeta", false)]
    public void IsVersionSegment_RecognisesApiVersions(string segment, bool expected)
    {
        Assert.Equal(expected, ModelsEndpoint.IsVersionSegment(segment));
    }
}
