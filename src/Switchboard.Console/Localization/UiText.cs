namespace Switchboard.Console.Localization;

/// <summary>Holds every string the console shows; each language is one instance, and <c>required</c> makes the compiler refuse a language that misses one.</summary>
public sealed record UiText
{
    /// <summary>Gets the text "Switchboard".</summary>
    public required string AppName { get; init; }

    /// <summary>Gets the text "API key".</summary>
    public required string ApiKey { get; init; }

    /// <summary>Gets the text "Sign in".</summary>
    public required string SignIn { get; init; }

    /// <summary>Gets the text "Sign out".</summary>
    public required string SignOut { get; init; }

    /// <summary>Gets the text "Enter an admin key, or your own virtual key.".</summary>
    public required string SignInHint { get; init; }

    /// <summary>Gets the text "Invalid key".</summary>
    public required string InvalidKey { get; init; }

    /// <summary>Gets the text "Language".</summary>
    public required string Language { get; init; }

    /// <summary>Gets the text "Dark mode".</summary>
    public required string DarkMode { get; init; }

    /// <summary>Gets the text "Open or close the navigation".</summary>
    public required string OpenNavigation { get; init; }

    /// <summary>Gets the text "Navigation".</summary>
    public required string Navigation { get; init; }

    /// <summary>Gets the text "Admin".</summary>
    public required string RoleAdmin { get; init; }

    /// <summary>Gets the text "User".</summary>
    public required string RoleUser { get; init; }

    /// <summary>Gets the text "Overview".</summary>
    public required string Overview { get; init; }

    /// <summary>Gets the text "Catalog".</summary>
    public required string Catalog { get; init; }

    /// <summary>Gets the text "Platforms".</summary>
    public required string Platforms { get; init; }

    /// <summary>Gets the text "Keys".</summary>
    public required string Keys { get; init; }

    /// <summary>Gets the text "Users".</summary>
    public required string Users { get; init; }

    /// <summary>Gets the text "Usage".</summary>
    public required string Usage { get; init; }

    /// <summary>Gets the text "Playground".</summary>
    public required string Playground { get; init; }

    /// <summary>Gets the text "Alerts".</summary>
    public required string Alerts { get; init; }

    /// <summary>Gets the text "Prices".</summary>
    public required string Prices { get; init; }

    /// <summary>Gets the text "Audit".</summary>
    public required string Audit { get; init; }

    /// <summary>Gets the text "This page needs an admin key.".</summary>
    public required string AdminOnly { get; init; }

    /// <summary>Gets the text "There is no such page.".</summary>
    public required string PageNotFound { get; init; }

    /// <summary>Gets the text "Loading…".</summary>
    public required string Loading { get; init; }

    /// <summary>Gets the text "Refresh".</summary>
    public required string Refresh { get; init; }

    /// <summary>Gets the text "Error".</summary>
    public required string Error { get; init; }

    /// <summary>Gets the text "This page is not in the console yet. The REST API serves it:".</summary>
    public required string NotInConsoleYet { get; init; }

    /// <summary>Gets the text "Period".</summary>
    public required string Period { get; init; }

    /// <summary>Gets the text "Last 24 hours".</summary>
    public required string Period24h { get; init; }

    /// <summary>Gets the text "Last 7 days".</summary>
    public required string Period7d { get; init; }

    /// <summary>Gets the text "Last 30 days".</summary>
    public required string Period30d { get; init; }

    /// <summary>Gets the text "Requests".</summary>
    public required string Requests { get; init; }

    /// <summary>Gets the text "Tokens".</summary>
    public required string Tokens { get; init; }

    /// <summary>Gets the text "Input tokens".</summary>
    public required string InputTokens { get; init; }

    /// <summary>Gets the text "Output tokens".</summary>
    public required string OutputTokens { get; init; }

    /// <summary>Gets the text "Provider cost".</summary>
    public required string ProviderCost { get; init; }

    /// <summary>Gets the text "Revenue".</summary>
    public required string Revenue { get; init; }

    /// <summary>Gets the text "Margin".</summary>
    public required string Margin { get; init; }

    /// <summary>Gets the text "Error rate".</summary>
    public required string ErrorRate { get; init; }

    /// <summary>Gets the text "Latency p50".</summary>
    public required string LatencyP50 { get; init; }

    /// <summary>Gets the text "Latency p95".</summary>
    public required string LatencyP95 { get; init; }

    /// <summary>Gets the text "Time to first token p50".</summary>
    public required string TtftP50 { get; init; }

    /// <summary>Gets the text "Time to first token p95".</summary>
    public required string TtftP95 { get; init; }

    /// <summary>Gets the text "Requests over time".</summary>
    public required string RequestsOverTime { get; init; }

    /// <summary>Gets the text "Top models".</summary>
    public required string TopModels { get; init; }

    /// <summary>Gets the text "Top users".</summary>
    public required string TopUsers { get; init; }

    /// <summary>Gets the text "Top keys".</summary>
    public required string TopKeys { get; init; }

    /// <summary>Gets the text "Source health".</summary>
    public required string SourceHealth { get; init; }

    /// <summary>Gets the text "Model".</summary>
    public required string Model { get; init; }

    /// <summary>Gets the text "User".</summary>
    public required string User { get; init; }

    /// <summary>Gets the text "Key".</summary>
    public required string Key { get; init; }

    /// <summary>Gets the text "Platform".</summary>
    public required string Platform { get; init; }

    /// <summary>Gets the text "Status".</summary>
    public required string Status { get; init; }

    /// <summary>Gets the text "No data for this period.".</summary>
    public required string NoData { get; init; }

    /// <summary>Gets the text "Name".</summary>
    public required string Name { get; init; }

    /// <summary>Gets the text "Owner (user id)".</summary>
    public required string Owner { get; init; }

    /// <summary>Gets the text "Allowed models (comma-separated; empty allows all)".</summary>
    public required string AllowedModels { get; init; }

    /// <summary>Gets the text "Budget".</summary>
    public required string Budget { get; init; }

    /// <summary>Gets the text "Budget period".</summary>
    public required string BudgetPeriod { get; init; }

    /// <summary>Gets the text "Requests per minute".</summary>
    public required string Rpm { get; init; }

    /// <summary>Gets the text "Tokens per minute".</summary>
    public required string Tpm { get; init; }

    /// <summary>Gets the text "Parallel requests".</summary>
    public required string MaxParallel { get; init; }

    /// <summary>Gets the text "Expires (UTC, yyyy-mm-dd)".</summary>
    public required string ExpiresAt { get; init; }

    /// <summary>Gets the text "Create".</summary>
    public required string Create { get; init; }

    /// <summary>Gets the text "Create a virtual key".</summary>
    public required string CreateKey { get; init; }

    /// <summary>Gets the text "Copy this key now: it is shown only once.".</summary>
    public required string KeyShownOnce { get; init; }

    /// <summary>Gets the text "Copy".</summary>
    public required string Copy { get; init; }

    /// <summary>Gets the text "Copied".</summary>
    public required string Copied { get; init; }

    /// <summary>Gets the text "Revoke".</summary>
    public required string Revoke { get; init; }

    /// <summary>Gets the text "Revoked".</summary>
    public required string Revoked { get; init; }

    /// <summary>Gets the text "Spend".</summary>
    public required string Spend { get; init; }

    /// <summary>Gets the text "Created".</summary>
    public required string Created { get; init; }

    /// <summary>Gets the text "Expires".</summary>
    public required string Expires { get; init; }

    /// <summary>Gets the text "never".</summary>
    public required string Never { get; init; }

    /// <summary>Gets the text "unlimited".</summary>
    public required string Unlimited { get; init; }

    /// <summary>Gets the text "Virtual keys".</summary>
    public required string VirtualKeys { get; init; }

    /// <summary>Gets the text "Revoke this key? Requests with it stop at once.".</summary>
    public required string ConfirmRevoke { get; init; }

    /// <summary>Gets the text "Cancel".</summary>
    public required string Cancel { get; init; }

    /// <summary>Gets the text "Send".</summary>
    public required string Send { get; init; }

    /// <summary>Gets the text "Stop".</summary>
    public required string Stop { get; init; }

    /// <summary>Gets the text "Message".</summary>
    public required string Message { get; init; }

    /// <summary>Gets the text "Reply".</summary>
    public required string Reply { get; init; }

    /// <summary>Gets the text "Latency".</summary>
    public required string Latency { get; init; }

    /// <summary>Gets the text "Time to first token".</summary>
    public required string TimeToFirstToken { get; init; }

    /// <summary>Gets the text "Cost".</summary>
    public required string Cost { get; init; }

    /// <summary>Gets the text "Answered by".</summary>
    public required string AnsweredBy { get; init; }

    /// <summary>Gets the text "Model or slot".</summary>
    public required string ModelOrSlot { get; init; }

    /// <summary>Gets the text "System prompt (optional)".</summary>
    public required string SystemPrompt { get; init; }
}
