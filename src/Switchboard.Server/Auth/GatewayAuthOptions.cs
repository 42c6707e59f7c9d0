namespace Switchboard.Server.Auth;

/// <summary>Settings of the gateway's authentication edge.</summary>
public sealed class GatewayAuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Switchboard:Auth";

    /// <summary>Gets or sets how many requests without valid credentials one client IP may make per minute before getting 429; 0 turns the limit off.</summary>
    /// <remarks>Slows down key guessing and keeps anonymous floods from reaching the key lookups.</remarks>
    public int UnauthenticatedRequestsPerMinute { get; set; } = 120;
}
