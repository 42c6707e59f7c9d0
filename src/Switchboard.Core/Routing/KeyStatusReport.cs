namespace Switchboard.Core.Routing;

/// <summary>Describes a key's runtime status at one moment.</summary>
/// <param name="Status">One of <see cref="KeyStatuses"/>.</param>
/// <param name="CooldownRemaining">How long until the key (or its first model) is usable again, while it is cooling; zero otherwise.</param>
/// <param name="Reason">Why an invalid key was refused (the error kind and status), or null.</param>
public sealed record KeyStatusReport(string Status, TimeSpan CooldownRemaining, string? Reason);
