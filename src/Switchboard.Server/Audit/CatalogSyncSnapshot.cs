using Switchboard.Catalog;

namespace Switchboard.Server.Audit;

/// <summary>An applied catalog sync as the audit log records it: what was selected and what changed.</summary>
internal sealed record CatalogSyncSnapshot(CatalogSyncSelection Selection, CatalogSyncApplyView Result);
