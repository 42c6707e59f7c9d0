using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Switchboard.Catalog;
using Switchboard.Configuration;
using Switchboard.Server.Admin;
using Switchboard.Server.Alerts;
using Switchboard.Server.Audit;
using Switchboard.Server.Catalog;
using Switchboard.Server.Classic;
using Switchboard.Server.Health;
using Switchboard.Server.Identity;
using Switchboard.Server.KeyQuotas;
using Switchboard.Server.Overview;
using Switchboard.Server.PlatformKeys;
using Switchboard.Server.Presets;
using Switchboard.Server.Pricing;
using Switchboard.Server.Probing;
using Switchboard.Server.RoutingLog;
using Switchboard.Server.Secrets;
using Switchboard.Server.Status.Views;
using Switchboard.Server.Tenancy;
using Switchboard.Server.UsageRecords;
using Switchboard.Tenancy;

namespace Switchboard.Server.Http;

/// <summary>Holds the compile-time JSON contracts of every body the admin, status and tenancy routes read or write, of the CLI's, and of the audit log's before and after values.</summary>
/// <remarks>
/// It is the only type-info resolver of the routes' JSON options (<see cref="ServerJson.AddServerJson"/>), in the JIT
/// build as in the native one, so a body type missing here fails the tests instead of only the native binary. The
/// options are ASP.NET Core's web defaults, which is what minimal APIs used before the contracts were generated.
/// The scalars and arrays are here for the OpenAPI document, which asks for the contract of every route and query
/// parameter's type.
/// </remarks>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(DateTime))]
[JsonSerializable(typeof(TimeSpan))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(double?))]
[JsonSerializable(typeof(decimal?))]
[JsonSerializable(typeof(DateTimeOffset?))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(ProbeStatus))]
[JsonSerializable(typeof(ReadyStatus))]
[JsonSerializable(typeof(ConfigVersionView))]
[JsonSerializable(typeof(VirtualKeyEndpoints.CreateVirtualKeyRequest))]
[JsonSerializable(typeof(VirtualKeyEndpoints.CreatedVirtualKey))]
[JsonSerializable(typeof(VirtualKeyEndpoints.VirtualKeyView))]
[JsonSerializable(typeof(VirtualKeyEndpoints.KeyList))]
[JsonSerializable(typeof(ResetFromFileView))]
[JsonSerializable(typeof(AlertEndpoints.AlertListView))]
[JsonSerializable(typeof(AuditPage))]
[JsonSerializable(typeof(CatalogList))]
[JsonSerializable(typeof(CatalogSyncRequest))]
[JsonSerializable(typeof(CatalogSyncApplyRequest))]
[JsonSerializable(typeof(CatalogBatchRequest))]
[JsonSerializable(typeof(CatalogSyncView))]
[JsonSerializable(typeof(CatalogSyncApplyView))]
[JsonSerializable(typeof(GroupedModelsView))]
[JsonSerializable(typeof(ClassicModelListView))]
[JsonSerializable(typeof(ClassicChatBody))]
[JsonSerializable(typeof(ConfigDriftView))]
[JsonSerializable(typeof(CallerView))]
[JsonSerializable(typeof(KeyQuotaView))]
[JsonSerializable(typeof(KeyQuotaRequest))]
[JsonSerializable(typeof(OverviewView))]
[JsonSerializable(typeof(PlatformKeyView))]
[JsonSerializable(typeof(PlatformKeyRotateRequest))]
[JsonSerializable(typeof(PlatformKeyPatchRequest))]
[JsonSerializable(typeof(RemovedKeyView))]
[JsonSerializable(typeof(RevalidatedKeyView))]
[JsonSerializable(typeof(DataList<PlatformKeyView>))]
[JsonSerializable(typeof(PresetCatalogView))]
[JsonSerializable(typeof(PriceImportView))]
[JsonSerializable(typeof(ProbeEndpoints.ProbeRequest))]
[JsonSerializable(typeof(ProbeEndpoints.ProbeResponse))]
[JsonSerializable(typeof(ProbeEndpoints.ModelTestRequest))]
[JsonSerializable(typeof(ProbeEndpoints.ModelTestResponse))]
[JsonSerializable(typeof(ProbeEndpoints.TestBody))]
[JsonSerializable(typeof(RoutingLogView))]
[JsonSerializable(typeof(RoutingLogList))]
[JsonSerializable(typeof(SealRequest))]
[JsonSerializable(typeof(SealedView))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(MetricsView))]
[JsonSerializable(typeof(UsageView))]
[JsonSerializable(typeof(PerformanceView))]
[JsonSerializable(typeof(CostView))]
[JsonSerializable(typeof(DebugConfigView))]
[JsonSerializable(typeof(UsageRecordView))]
[JsonSerializable(typeof(UsageRecordList))]
[JsonSerializable(typeof(PlatformView))]
[JsonSerializable(typeof(DeletedResult))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(UsageSelectionView))]
[JsonSerializable(typeof(SelectionRequest))]
[JsonSerializable(typeof(PlatformCreateRequest))]
[JsonSerializable(typeof(PlatformUpdateRequest))]
[JsonSerializable(typeof(PlatformDeleteRequest))]
[JsonSerializable(typeof(PlatformKeyRequest))]
[JsonSerializable(typeof(PlatformKeyResult))]
[JsonSerializable(typeof(SystemKeyRequest))]
[JsonSerializable(typeof(CreatedSystemKey))]
[JsonSerializable(typeof(ModelCreateRequest))]
[JsonSerializable(typeof(ModelUpdateRequest))]
[JsonSerializable(typeof(ModelView))]
[JsonSerializable(typeof(VisibilityRequest))]
[JsonSerializable(typeof(VisibilityResult))]
[JsonSerializable(typeof(TierRuleRequest))]
[JsonSerializable(typeof(TierRuleView))]
[JsonSerializable(typeof(TenancySettingsRequest))]
[JsonSerializable(typeof(TenancySettingsView))]
[JsonSerializable(typeof(UserUpsertRequest))]
[JsonSerializable(typeof(SlotSetRequest))]
[JsonSerializable(typeof(SlotRepairView))]
[JsonSerializable(typeof(DispatchRequest))]
[JsonSerializable(typeof(DataList<DispatchView>))]
[JsonSerializable(typeof(DataList<UserView>))]
[JsonSerializable(typeof(DataList<SlotRepairView>))]
[JsonSerializable(typeof(DataList<OwnKeyView>))]
[JsonSerializable(typeof(DataList<PlatformView>))]
[JsonSerializable(typeof(DataList<UsageSelectionView>))]
[JsonSerializable(typeof(DataList<PlatformModelView>))]
[JsonSerializable(typeof(DataList<TierRuleView>))]
[JsonSerializable(typeof(DataList<SystemPlatformView>))]
[JsonSerializable(typeof(CatalogModelView))]
[JsonSerializable(typeof(PlatformSnapshot))]
[JsonSerializable(typeof(PlatformUpdateSnapshot))]
[JsonSerializable(typeof(KeySnapshot))]
[JsonSerializable(typeof(ModelSnapshot))]
[JsonSerializable(typeof(KeyStatusSnapshot))]
[JsonSerializable(typeof(UserIdSnapshot))]
[JsonSerializable(typeof(PlatformCreateSnapshot))]
[JsonSerializable(typeof(CatalogSyncSnapshot))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
