namespace Switchboard.Console.Api;

/// <summary>Reads the part of <c>GET /api/v1/status/me</c> the session needs: who the key acts as and whether it is an admin key.</summary>
public sealed record CallerIdentity(string UserId, bool IsAdmin);
