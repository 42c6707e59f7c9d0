namespace Switchboard.Server.Admin;

/// <summary>The body of <c>/api/admin/reload</c> and its audit entry: the routing snapshot's version.</summary>
/// <param name="Version">The snapshot version.</param>
internal sealed record ConfigVersionView(long Version);
