using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.Playground;

/// <summary>Holds the playground page's own strings, one instance per language; <c>required</c> makes the compiler refuse a language that misses one.</summary>
public sealed record PlaygroundText
{
    /// <summary>Gets the strings in English.</summary>
    public static PlaygroundText English { get; } = new()
    {
        NoModels = "This key may use no model.",
        Stopped = "Stopped.",
        RequestId = "Request id",
        TokensInOut = "Tokens in / out",
        UserPrice = "User price",
        ServerLatency = "Latency at the gateway",
        OpenInUsage = "Open in Usage",
        RecordPending = "The usage record is not written yet; open it in Usage in a moment.",
    };

    /// <summary>Gets the strings in Simplified Chinese.</summary>
    public static PlaygroundText Chinese { get; } = new()
    {
        NoModels = "此密钥没有可用的模型。",
        Stopped = "已停止。",
        RequestId = "请求 ID",
        TokensInOut = "输入 / 输出令牌",
        UserPrice = "用户价格",
        ServerLatency = "网关记录的延迟",
        OpenInUsage = "在用量中查看",
        RecordPending = "用量记录尚未写入；请稍后在用量页查看。",
    };

    /// <summary>Gets the text "This key may use no model.".</summary>
    public required string NoModels { get; init; }

    /// <summary>Gets the text "Stopped.".</summary>
    public required string Stopped { get; init; }

    /// <summary>Gets the text "Request id".</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the text "Tokens in / out".</summary>
    public required string TokensInOut { get; init; }

    /// <summary>Gets the text "User price".</summary>
    public required string UserPrice { get; init; }

    /// <summary>Gets the text "Latency at the gateway".</summary>
    public required string ServerLatency { get; init; }

    /// <summary>Gets the text "Open in Usage".</summary>
    public required string OpenInUsage { get; init; }

    /// <summary>Gets the note that the usage record is not written yet.</summary>
    public required string RecordPending { get; init; }

    /// <summary>Returns the strings of the language the console shows.</summary>
    public static PlaygroundText For(UiText current) => ReferenceEquals(current, ChineseText.Value) ? Chinese : English;
}
