using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.Platforms;

/// <summary>Holds the strings of the platforms page, one instance per language; <c>required</c> makes the compiler refuse a language that misses one.</summary>
public sealed record PlatformsText
{
    /// <summary>Gets the strings in English.</summary>
    public static PlatformsText English { get; } = new()
    {
        SystemPlatforms = "System platforms",
        KindOrPreset = "Kind · preset",
        BaseUrl = "Base URL",
        Enabled = "Enabled",
        Models = "Models (select to test)",
        ServerKeys = "Server keys",
        Yes = "yes",
        No = "no",
        Test = "Test",
        TestPassed = "OK in {0:N0} ms: “{1}” (from {2})",
        TestFailed = "Failed after {0:N0} ms: {1}",
        AddPlatform = "Add a platform",
        PresetOrKind = "Preset or kind",
        PresetItem = "{0} (preset, {1})",
        KindItem = "{0} (kind)",
        UpstreamKey = "Upstream API key",
        KeyNeverShown = "Stored sealed; never shown again.",
        ProbeModels = "Probe models",
        CreatePlatform = "Add platform",
        ProbeFailed = "The probe failed: {0}",
        ProbeFound = "{0} models found in {1:N0} ms; pick the ones to add",
        Created = "Added platform {0} with {1} models. Test them:",
        BaseUrlNeeded = "Enter a base URL first.",
        NameAndSourceNeeded = "Choose a preset or a kind, and enter a name.",
        KeyPool = "Server key pool",
        Label = "Label",
        CoolingUntil = "Cooling until",
        SuccessRate = "Success rate",
        QuotaUsed = "Quota used",
        Actions = "Actions",
        Enable = "Enable",
        Disable = "Disable",
        Rotate = "Rotate",
        Remove = "Remove",
        NewKey = "New upstream key",
        ReplaceKey = "Replace the key",
        AddKey = "Add a server key",
        QuotaUse = "{0:P0} used ({1:N0} tokens, {2}) this {3}",
        KeyNeeded = "Enter the key first.",
        ConfirmRemove = "Remove the key {0} from {1}? Requests stop using it at once, and it cannot be restored.",
        Drift = "Platforms file and database",
        ConfigFile = "Platforms file:",
        InSync = "The database matches the platforms file.",
        OutOfSync = "The database differs from the platforms file. A forced reset makes it match the file:",
        What = "What",
        Change = "Change",
        Detail = "Database → file",
        UsersKeysDropped = "A reset drops {0} keys users brought for this platform.",
        ResetFromFile = "Reset from the file…",
        ConfirmReset = "Make the system platforms, their server keys, models and the catalog match the platforms file? Changes made through the API or this console since are lost.",
        ResetConfirmButton = "Reset",
        ResetDone = "Reset: {0} platforms added, {1} updated, {2} removed; {3} models added, {4} removed; {5} keys stored.",
        SealKey = "Seal for the platforms file",
        SealedHint = "Paste this as api_key in the platforms file; only this gateway's master key opens it:",
        KeyToSealNeeded = "Enter the upstream key to seal first.",
    };

    /// <summary>Gets the strings in Simplified Chinese (简体中文).</summary>
    public static PlatformsText Chinese { get; } = new()
    {
        SystemPlatforms = "系统平台",
        KindOrPreset = "类型 · 预设",
        BaseUrl = "基础 URL",
        Enabled = "启用",
        Models = "模型（点击测试）",
        ServerKeys = "服务器密钥",
        Yes = "是",
        No = "否",
        Test = "测试",
        TestPassed = "成功，用时 {0:N0} 毫秒：“{1}”（来源 {2}）",
        TestFailed = "失败，用时 {0:N0} 毫秒：{1}",
        AddPlatform = "添加平台",
        PresetOrKind = "预设或类型",
        PresetItem = "{0}（预设，{1}）",
        KindItem = "{0}（类型）",
        UpstreamKey = "上游 API 密钥",
        KeyNeverShown = "加密存储，不会再次显示。",
        ProbeModels = "探测模型",
        CreatePlatform = "添加平台",
        ProbeFailed = "探测失败：{0}",
        ProbeFound = "发现 {0} 个模型，用时 {1:N0} 毫秒；请选择要添加的模型",
        Created = "已添加平台 {0}，含 {1} 个模型。测试它们：",
        BaseUrlNeeded = "请先输入基础 URL。",
        NameAndSourceNeeded = "请选择预设或类型，并输入名称。",
        KeyPool = "服务器密钥池",
        Label = "标签",
        CoolingUntil = "冷却至",
        SuccessRate = "成功率",
        QuotaUsed = "配额用量",
        Actions = "操作",
        Enable = "启用",
        Disable = "停用",
        Rotate = "轮换",
        Remove = "移除",
        NewKey = "新的上游密钥",
        ReplaceKey = "替换密钥",
        AddKey = "添加服务器密钥",
        QuotaUse = "本{3}已用 {0:P0}（{1:N0} 令牌，{2}）",
        KeyNeeded = "请先输入密钥。",
        ConfirmRemove = "确定从 {1} 移除密钥 {0}？请求将立即停止使用它，且无法恢复。",
        Drift = "平台文件与数据库",
        ConfigFile = "平台文件：",
        InSync = "数据库与平台文件一致。",
        OutOfSync = "数据库与平台文件不一致。强制重置会使其与文件一致：",
        What = "对象",
        Change = "变化",
        Detail = "数据库 → 文件",
        UsersKeysDropped = "重置将删除用户为此平台提供的 {0} 个密钥。",
        ResetFromFile = "从文件重置…",
        ConfirmReset = "确定让系统平台、服务器密钥、模型和模型目录与平台文件一致？之后通过 API 或控制台所做的更改将丢失。",
        ResetConfirmButton = "重置",
        ResetDone = "已重置：新增平台 {0}，更新 {1}，删除 {2}；新增模型 {3}，删除 {4}；存储密钥 {5}。",
        SealKey = "为平台文件加密",
        SealedHint = "将其作为 api_key 粘贴到平台文件中；只有此网关的主密钥能解开它：",
        KeyToSealNeeded = "请先输入要加密的上游密钥。",
    };

    /// <summary>Gets the text "System platforms".</summary>
    public required string SystemPlatforms { get; init; }

    /// <summary>Gets the text "Kind · preset".</summary>
    public required string KindOrPreset { get; init; }

    /// <summary>Gets the text "Base URL".</summary>
    public required string BaseUrl { get; init; }

    /// <summary>Gets the text "Enabled".</summary>
    public required string Enabled { get; init; }

    /// <summary>Gets the text "Models (select to test)".</summary>
    public required string Models { get; init; }

    /// <summary>Gets the text "Server keys".</summary>
    public required string ServerKeys { get; init; }

    /// <summary>Gets the text "yes".</summary>
    public required string Yes { get; init; }

    /// <summary>Gets the text "no".</summary>
    public required string No { get; init; }

    /// <summary>Gets the text "Test".</summary>
    public required string Test { get; init; }

    /// <summary>Gets the text "OK in {0:N0} ms: “{1}” (from {2})".</summary>
    public required string TestPassed { get; init; }

    /// <summary>Gets the text "Failed after {0:N0} ms: {1}".</summary>
    public required string TestFailed { get; init; }

    /// <summary>Gets the text "Add a platform".</summary>
    public required string AddPlatform { get; init; }

    /// <summary>Gets the text "Preset or kind".</summary>
    public required string PresetOrKind { get; init; }

    /// <summary>Gets the text "{0} (preset, {1})".</summary>
    public required string PresetItem { get; init; }

    /// <summary>Gets the text "{0} (kind)".</summary>
    public required string KindItem { get; init; }

    /// <summary>Gets the text "Upstream API key".</summary>
    public required string UpstreamKey { get; init; }

    /// <summary>Gets the text "Stored sealed; never shown again.".</summary>
    public required string KeyNeverShown { get; init; }

    /// <summary>Gets the text "Probe models".</summary>
    public required string ProbeModels { get; init; }

    /// <summary>Gets the text "Add platform".</summary>
    public required string CreatePlatform { get; init; }

    /// <summary>Gets the text "The probe failed: {0}".</summary>
    public required string ProbeFailed { get; init; }

    /// <summary>Gets the text "{0} models found in {1:N0} ms; pick the ones to add".</summary>
    public required string ProbeFound { get; init; }

    /// <summary>Gets the text "Added platform {0} with {1} models. Test them:".</summary>
    public required string Created { get; init; }

    /// <summary>Gets the text "Enter a base URL first.".</summary>
    public required string BaseUrlNeeded { get; init; }

    /// <summary>Gets the text "Choose a preset or a kind, and enter a name.".</summary>
    public required string NameAndSourceNeeded { get; init; }

    /// <summary>Gets the text "Server key pool".</summary>
    public required string KeyPool { get; init; }

    /// <summary>Gets the text "Label".</summary>
    public required string Label { get; init; }

    /// <summary>Gets the text "Cooling until".</summary>
    public required string CoolingUntil { get; init; }

    /// <summary>Gets the text "Success rate".</summary>
    public required string SuccessRate { get; init; }

    /// <summary>Gets the text "Quota used".</summary>
    public required string QuotaUsed { get; init; }

    /// <summary>Gets the text "Actions".</summary>
    public required string Actions { get; init; }

    /// <summary>Gets the text "Enable".</summary>
    public required string Enable { get; init; }

    /// <summary>Gets the text "Disable".</summary>
    public required string Disable { get; init; }

    /// <summary>Gets the text "Rotate".</summary>
    public required string Rotate { get; init; }

    /// <summary>Gets the text "Remove".</summary>
    public required string Remove { get; init; }

    /// <summary>Gets the text "New upstream key".</summary>
    public required string NewKey { get; init; }

    /// <summary>Gets the text "Replace the key".</summary>
    public required string ReplaceKey { get; init; }

    /// <summary>Gets the text "Add a server key".</summary>
    public required string AddKey { get; init; }

    /// <summary>Gets the text "{0:P0} used ({1:N0} tokens, {2}) this {3}".</summary>
    public required string QuotaUse { get; init; }

    /// <summary>Gets the text "Enter the key first.".</summary>
    public required string KeyNeeded { get; init; }

    /// <summary>Gets the text "Remove the key {0} from {1}? Requests stop using it at once, and it cannot be restored.".</summary>
    public required string ConfirmRemove { get; init; }

    /// <summary>Gets the text "Platforms file and database".</summary>
    public required string Drift { get; init; }

    /// <summary>Gets the text "Platforms file:".</summary>
    public required string ConfigFile { get; init; }

    /// <summary>Gets the text "The database matches the platforms file.".</summary>
    public required string InSync { get; init; }

    /// <summary>Gets the text "The database differs from the platforms file. A forced reset makes it match the file:".</summary>
    public required string OutOfSync { get; init; }

    /// <summary>Gets the text "What".</summary>
    public required string What { get; init; }

    /// <summary>Gets the text "Change".</summary>
    public required string Change { get; init; }

    /// <summary>Gets the text "Database → file".</summary>
    public required string Detail { get; init; }

    /// <summary>Gets the text "A reset drops {0} keys users brought for this platform.".</summary>
    public required string UsersKeysDropped { get; init; }

    /// <summary>Gets the text "Reset from the file…".</summary>
    public required string ResetFromFile { get; init; }

    /// <summary>Gets the text "Make the system platforms, their server keys, models and the catalog match the platforms file? Changes made through the API or this console since are lost.".</summary>
    public required string ConfirmReset { get; init; }

    /// <summary>Gets the text "Reset".</summary>
    public required string ResetConfirmButton { get; init; }

    /// <summary>Gets the text "Reset: {0} platforms added, {1} updated, {2} removed; {3} models added, {4} removed; {5} keys stored.".</summary>
    public required string ResetDone { get; init; }

    /// <summary>Gets the text "Seal for the platforms file".</summary>
    public required string SealKey { get; init; }

    /// <summary>Gets the text "Paste this as api_key in the platforms file; only this gateway's master key opens it:".</summary>
    public required string SealedHint { get; init; }

    /// <summary>Gets the text "Enter the upstream key to seal first.".</summary>
    public required string KeyToSealNeeded { get; init; }

    /// <summary>Picks the strings of the language the console shows now.</summary>
    public static PlatformsText For(UiText current) => ReferenceEquals(current, ChineseText.Value) ? Chinese : English;
}
