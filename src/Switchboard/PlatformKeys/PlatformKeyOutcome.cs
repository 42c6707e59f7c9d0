using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Errors;

namespace Switchboard.PlatformKeys;

/// <summary>Reports a change of one upstream key: the key before and after (masked forms only travel outward), its platform, or why nothing changed.</summary>
/// <param name="Before">The key as it was, or null when it was not found.</param>
/// <param name="After">The key as it is now, or null when it was removed or nothing changed.</param>
/// <param name="Platform">The name of the key's platform.</param>
/// <param name="Error">Why nothing changed, or null on success.</param>
public sealed record PlatformKeyOutcome(ApiKeyConfig? Before, ApiKeyConfig? After, string Platform, GatewayError? Error)
{
    internal static PlatformKeyOutcome Failed(GatewayError error, ApiKeyConfig? before = null, string platform = "") => new(before, null, platform, error);
}
