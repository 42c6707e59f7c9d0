using Switchboard.Core.Configuration;

namespace Switchboard.Core.Tests.Configuration;

public sealed class PlatformsFileErrorTests
{
    public static TheoryData<string, string, string> Mistakes => new()
    {
        {
            "bad indentation",
            "platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n   models:\n      a: b\n",
            "platforms.yaml:4:4: (yaml): invalid YAML: while parsing a block mapping, did not find expected key (check the indentation"
        },
        {
            "unclosed flow list",
            "platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    models: [a, b\n",
            "platforms.yaml:5:1: (yaml): invalid YAML:"
        },
        {
            "duplicate platform",
            "platforms:\n  qwen: { base_url: 'https://a.example' }\n  qwen: { base_url: 'https://b.example' }\n",
            "platforms.yaml:3:3: (yaml): invalid YAML: the key 'qwen' appears twice in the same map"
        },
        {
            "root is a list",
            "- qwen\n- deepseek\n",
            "platforms.yaml:1:1: (root): expected a map with a platforms section, found a list"
        },
        {
            "platform is a single value",
            "platforms:\n  qwen: https://llm.example.com/v1\n",
            "platforms.yaml:2:3: platforms.qwen: expected a map with base_url, api_key and models, found a single value"
        },
        {
            "models is a list",
            "platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    models:\n      - qwen-flash\n",
            "platforms.yaml:4:5: platforms.qwen.models: expected a map of display name to upstream model name (such as 'qwen-flash': qwen-flash), found a list"
        },
        {
            "model without a name",
            "platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    models:\n      flash:\n",
            "platforms.yaml:5:7: platforms.qwen.models.flash: expected an upstream model name or a map with model_name, found nothing"
        },
        {
            "price is not a number",
            "platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    models:\n      qwen-plus:\n        model_name: qwen-plus\n        input_price: cheap\n",
            "platforms.yaml:7:9: platforms.qwen.models.qwen-plus.input_price: expected a number"
        },
        {
            "price uses a decimal comma",
            "platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    models:\n      qwen-plus: { output_price: '0,8' }\n",
            "platforms.yaml:5:20: platforms.qwen.models.qwen-plus.output_price: expected a number"
        },
        {
            "negative price",
            "platforms:\n  q:\n    base_url: https://llm.example.com/v1\n    models:\n      m: { input_price: -1 }\n",
            "platforms.yaml:5:12: platforms.q.models.m.input_price: expected a number that is not negative"
        },
        {
            "context window is not whole",
            "platforms:\n  q:\n    base_url: https://llm.example.com/v1\n    models:\n      m: { context_window: 12.5 }\n",
            "platforms.yaml:5:12: platforms.q.models.m.context_window: expected a whole number"
        },
        {
            "unknown model type",
            "platforms:\n  q:\n    base_url: https://llm.example.com/v1\n    models:\n      m: { type: image }\n",
            "platforms.yaml:5:12: platforms.q.models.m.type: expected chat or embedding, found 'image'"
        },
        {
            "unknown preset",
            "platforms:\n  ds:\n    preset: deepsea\n",
            "platforms.yaml:3:5: platforms.ds.preset: unknown preset 'deepsea'; known presets: dashscope, deepseek, ollama"
        },
        {
            "missing base url",
            "platforms:\n  mine:\n    models: { a: a }\n",
            "platforms.yaml:2:3: platforms.mine.base_url: base_url is required unless a preset gives one"
        },
        {
            "base url is not http",
            "platforms:\n  mine:\n    base_url: ftp://llm.example.com\n",
            "platforms.yaml:3:5: platforms.mine.base_url: expected an absolute http:// or https:// URL"
        },
        {
            "base url variable unset",
            "platforms:\n  mine:\n    base_url: '{NOT_SET}/v1'\n",
            "platforms.yaml:3:5: platforms.mine.base_url: environment variable NOT_SET used in base_url is not set"
        },
        {
            "enabled is not a boolean",
            "platforms:\n  mine:\n    base_url: https://llm.example.com\n    enabled: maybe\n",
            "platforms.yaml:4:5: platforms.mine.enabled: expected true or false"
        },
        {
            "keys is a map",
            "platforms:\n  mine:\n    base_url: https://llm.example.com\n    keys: { a: b }\n",
            "platforms.yaml:4:5: platforms.mine.keys: expected a list of keys, found a map"
        },
        {
            "key item without key",
            "platforms:\n  mine:\n    base_url: https://llm.example.com\n    keys:\n      - { weight: 2 }\n",
            "platforms.yaml:5:9: platforms.mine.keys[0].key: expected a key value"
        },
        {
            "catalog source to unknown model",
            "platforms:\n  qwen:\n    base_url: https://llm.example.com/v1\n    models: { flash: qwen-flash }\ncatalog:\n  fast:\n    sources:\n      - { platform: qwen, model: turbo }\n",
            "platforms.yaml:8:27: catalog.fast.sources[0].model: platform 'qwen' has no model 'turbo'"
        },
        {
            "catalog sources is a map",
            "platforms: {}\ncatalog:\n  fast:\n    sources: { platform: qwen }\n",
            "platforms.yaml:4:5: catalog.fast.sources: expected a list of sources with platform and model, found a map"
        },
        {
            "catalog id names a slot",
            "catalog:\n  'slot:fast': { sources: [] }\n",
            "platforms.yaml:2:3: catalog.slot:fast: expected a catalog model id that is not empty and does not start with 'slot:'"
        },
        {
            "settings value is a map",
            "settings:\n  mode: { a: b }\n",
            "platforms.yaml:2:3: settings.mode: expected a text value, found a map"
        },
        {
            "extra body is a list",
            "platforms:\n  q:\n    base_url: https://llm.example.com\n    extra_body: [1, 2]\n",
            "platforms.yaml:4:5: platforms.q.extra_body: expected a map of fields to add to the request body, found a list"
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Parse_Mistake_ThrowsWithFileLineColumnAndField(string mistake, string yaml, string expectedStart)
    {
        var error = new PlatformsFileHarness().ParseFails(yaml);

        Assert.True(
            error.Message.StartsWith(expectedStart, StringComparison.Ordinal),
            $"{mistake}:\n  expected start: {expectedStart}\n  actual:         {error.Message}");
        Assert.Equal(PlatformsFileHarness.FileName, error.FileName);
        Assert.True(error.Line > 0 && error.Column > 0, mistake);
    }

    [Fact]
    public void Parse_RecursiveAliasInExtraBody_FailsInsteadOfHanging()
    {
        var error = new PlatformsFileHarness().ParseFails(
            "platforms:\n  q:\n    base_url: https://llm.example.com\n    extra_body: &loop { self: *loop }\n");

        Assert.StartsWith("platforms.yaml:4:5: platforms.q.extra_body: is nested too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationFileException_Parts_FormTheMessage()
    {
        var error = new ConfigurationFileException("platforms.yaml", 7, 9, "platforms.qwen.models.qwen-plus.input_price", "expected a number");

        Assert.Equal("platforms.yaml:7:9: platforms.qwen.models.qwen-plus.input_price: expected a number", error.Message);
        Assert.Equal("expected a number", error.Problem);
    }
}
