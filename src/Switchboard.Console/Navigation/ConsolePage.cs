using Switchboard.Console.Localization;

namespace Switchboard.Console.Navigation;

/// <summary>Describes one navigation entry: its address under <c>/ui/</c>, its name in the current language, its icon, and who sees it.</summary>
/// <remarks><paramref name="UserOnly"/> marks a user's own pages (their slots, keys, budget), which an admin key, acting as no user, does not list.</remarks>
public sealed record ConsolePage(string Href, Func<UiText, string> Title, string Icon, bool AdminOnly, bool UserOnly = false);
