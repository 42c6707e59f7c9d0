using System.Text.Json.Serialization.Metadata;

namespace Switchboard.Core.Audit;

/// <summary>Carries the host's compiled JSON contracts for the audit log's before and after values (registered as a service).</summary>
/// <param name="Resolver">The contracts, usually the host's source-generated <c>JsonSerializerContext</c>.</param>
public sealed record AuditContracts(IJsonTypeInfoResolver Resolver);
