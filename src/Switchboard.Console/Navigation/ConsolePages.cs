using MudBlazor;

namespace Switchboard.Console.Navigation;

/// <summary>Lists the console's pages in navigation order; a user key sees only those not marked admin-only.</summary>
public static class ConsolePages
{
    /// <summary>Gets every page.</summary>
    public static IReadOnlyList<ConsolePage> All { get; } =
    [
        new("./", t => t.Overview, Icons.Material.Filled.Dashboard, AdminOnly: false),
        new("catalog", t => t.Catalog, Icons.Material.Filled.ViewList, AdminOnly: true),
        new("platforms", t => t.Platforms, Icons.Material.Filled.Hub, AdminOnly: true),
        new("keys", t => t.Keys, Icons.Material.Filled.Key, AdminOnly: true),
        new("users", t => t.Users, Icons.Material.Filled.People, AdminOnly: true),
        new("usage", t => t.Usage, Icons.Material.Filled.BarChart, AdminOnly: false),
        new("playground", t => t.Playground, Icons.Material.Filled.Chat, AdminOnly: false),
        new("alerts", t => t.Alerts, Icons.Material.Filled.NotificationsActive, AdminOnly: true),
        new("prices", t => t.Prices, Icons.Material.Filled.PriceChange, AdminOnly: true),
        new("audit", t => t.Audit, Icons.Material.Filled.History, AdminOnly: true),
        new("my/models", t => Pages.My.MyText.For(t).MyModels, Icons.Material.Filled.Tune, AdminOnly: false, UserOnly: true),
        new("my/keys", t => Pages.My.MyText.For(t).MyKeys, Icons.Material.Filled.VpnKey, AdminOnly: false, UserOnly: true),
        new("my/budget", t => Pages.My.MyText.For(t).MyBudget, Icons.Material.Filled.Savings, AdminOnly: false, UserOnly: true),
    ];
}
