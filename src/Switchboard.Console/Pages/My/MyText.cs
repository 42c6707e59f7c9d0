using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.My;

/// <summary>Holds the strings of a user's own pages (models and slots, own keys, budget) that the shared <see cref="UiText"/> does not have.</summary>
public sealed record MyText
{
    /// <summary>Gets the strings in English.</summary>
    public static MyText English { get; } = new()
    {
        MyModels = "My models",
        MyKeys = "My keys",
        MyBudget = "My budget",
        Slots = "My slots",
        SlotsHint = "A slot is a name your tools call (such as main); pick the model it sends to.",
        ModelFor = "Model for",
        Save = "Save",
        Saved = "Saved",
        Current = "Now",
        AvailableModels = "Models you may use",
        OwnedBy = "Provided by",
        SystemKeys = "Your keys for the gateway's platforms",
        SystemKeysHint = "A key you set here is used for your requests to that platform; it is sent only to the platform's own host and shown masked.",
        YourKey = "Your key",
        NewKey = "New key",
        NotSet = "not set",
        Remove = "Remove",
        PrivatePlatforms = "Your private platforms",
        PrivateHint = "Private platforms need the multi-custom mode; only you can see and use them.",
        AddPlatform = "Add a private platform",
        BaseUrl = "Base URL",
        ModelsField = "Models (comma-separated upstream names)",
        Add = "Add",
        Delete = "Delete",
        Budgets = "Budgets",
        Remaining = "Remaining",
        Reserved = "Reserved",
        Window = "Window",
        Until = "until",
        NoBudget = "No budget applies to your key.",
        Usage30d = "Usage in the last 30 days",
        Charged = "Charged",
        Errors = "Errors",
        None = "None.",
        ScopeKey = "This key",
        ScopeUser = "Your account",
    };

    /// <summary>Gets the strings in Simplified Chinese.</summary>
    public static MyText Chinese { get; } = new()
    {
        MyModels = "我的模型",
        MyKeys = "我的密钥",
        MyBudget = "我的预算",
        Slots = "我的槽位",
        SlotsHint = "槽位是你的工具调用的名称（如 main）；在这里选择它使用的模型。",
        ModelFor = "模型：",
        Save = "保存",
        Saved = "已保存",
        Current = "当前",
        AvailableModels = "你可以使用的模型",
        OwnedBy = "提供方",
        SystemKeys = "你在网关平台上的自带密钥",
        SystemKeysHint = "你在此设置的密钥用于你对该平台的请求；只发送到该平台自己的主机，并以掩码显示。",
        YourKey = "你的密钥",
        NewKey = "新密钥",
        NotSet = "未设置",
        Remove = "移除",
        PrivatePlatforms = "你的私有平台",
        PrivateHint = "私有平台需要 multi-custom 模式；只有你能看到和使用。",
        AddPlatform = "添加私有平台",
        BaseUrl = "基础 URL",
        ModelsField = "模型（逗号分隔的上游名称）",
        Add = "添加",
        Delete = "删除",
        Budgets = "预算",
        Remaining = "剩余",
        Reserved = "预留",
        Window = "周期",
        Until = "至",
        NoBudget = "你的密钥没有预算限制。",
        Usage30d = "近 30 天用量",
        Charged = "费用",
        Errors = "错误",
        None = "无。",
        ScopeKey = "此密钥",
        ScopeUser = "你的账户",
    };

    /// <summary>Gets the text "My models".</summary>
    public required string MyModels { get; init; }

    /// <summary>Gets the text "My keys".</summary>
    public required string MyKeys { get; init; }

    /// <summary>Gets the text "My budget".</summary>
    public required string MyBudget { get; init; }

    /// <summary>Gets the text "My slots".</summary>
    public required string Slots { get; init; }

    /// <summary>Gets the text "A slot is a name your tools call (such as main); pick the model it sends to.".</summary>
    public required string SlotsHint { get; init; }

    /// <summary>Gets the text "Model for".</summary>
    public required string ModelFor { get; init; }

    /// <summary>Gets the text "Save".</summary>
    public required string Save { get; init; }

    /// <summary>Gets the text "Saved".</summary>
    public required string Saved { get; init; }

    /// <summary>Gets the text "Now".</summary>
    public required string Current { get; init; }

    /// <summary>Gets the text "Models you may use".</summary>
    public required string AvailableModels { get; init; }

    /// <summary>Gets the text "Provided by".</summary>
    public required string OwnedBy { get; init; }

    /// <summary>Gets the text "Your keys for the gateway's platforms".</summary>
    public required string SystemKeys { get; init; }

    /// <summary>Gets the text "A key you set here is used for your requests to that platform; it is sent only to the platform's own host and shown masked.".</summary>
    public required string SystemKeysHint { get; init; }

    /// <summary>Gets the text "Your key".</summary>
    public required string YourKey { get; init; }

    /// <summary>Gets the text "New key".</summary>
    public required string NewKey { get; init; }

    /// <summary>Gets the text "not set".</summary>
    public required string NotSet { get; init; }

    /// <summary>Gets the text "Remove".</summary>
    public required string Remove { get; init; }

    /// <summary>Gets the text "Your private platforms".</summary>
    public required string PrivatePlatforms { get; init; }

    /// <summary>Gets the text "Private platforms need the multi-custom mode; only you can see and use them.".</summary>
    public required string PrivateHint { get; init; }

    /// <summary>Gets the text "Add a private platform".</summary>
    public required string AddPlatform { get; init; }

    /// <summary>Gets the text "Base URL".</summary>
    public required string BaseUrl { get; init; }

    /// <summary>Gets the text "Models (comma-separated upstream names)".</summary>
    public required string ModelsField { get; init; }

    /// <summary>Gets the text "Add".</summary>
    public required string Add { get; init; }

    /// <summary>Gets the text "Delete".</summary>
    public required string Delete { get; init; }

    /// <summary>Gets the text "Budgets".</summary>
    public required string Budgets { get; init; }

    /// <summary>Gets the text "Remaining".</summary>
    public required string Remaining { get; init; }

    /// <summary>Gets the text "Reserved".</summary>
    public required string Reserved { get; init; }

    /// <summary>Gets the text "Window".</summary>
    public required string Window { get; init; }

    /// <summary>Gets the text "until".</summary>
    public required string Until { get; init; }

    /// <summary>Gets the text "No budget applies to your key.".</summary>
    public required string NoBudget { get; init; }

    /// <summary>Gets the text "Usage in the last 30 days".</summary>
    public required string Usage30d { get; init; }

    /// <summary>Gets the text "Charged".</summary>
    public required string Charged { get; init; }

    /// <summary>Gets the text "Errors".</summary>
    public required string Errors { get; init; }

    /// <summary>Gets the text "None.".</summary>
    public required string None { get; init; }

    /// <summary>Gets the text "This key".</summary>
    public required string ScopeKey { get; init; }

    /// <summary>Gets the text "Your account".</summary>
    public required string ScopeUser { get; init; }

    /// <summary>Returns the strings of the language the shared <see cref="UiText"/> is in.</summary>
    public static MyText For(UiText text) => ReferenceEquals(text, ChineseText.Value) ? Chinese : English;
}
