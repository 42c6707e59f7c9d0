namespace Switchboard.Providers;

/// <summary>Names the built-in provider kinds (wire protocols).</summary>
public static class ProviderKinds
{
    /// <summary>OpenAI Chat Completions and every OpenAI-compatible vendor.</summary>
    public const string OpenAI = "openai";

    /// <summary>Anthropic Messages.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>Google Gemini generateContent.</summary>
    public const string Gemini = "gemini";

    /// <summary>Azure OpenAI deployments.</summary>
    public const string AzureOpenAI = "azure-openai";

    /// <summary>The built-in offline demo model.</summary>
    public const string Demo = "demo";
}
