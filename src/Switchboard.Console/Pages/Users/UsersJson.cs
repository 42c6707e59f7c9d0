using System.Text.Json.Serialization;
using Switchboard.Console.Api;
using Switchboard.Console.Shared;

namespace Switchboard.Console.Pages.Users;

/// <summary>Serializes the user, tier, tenancy and dispatch routes' bodies without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DataList<UserItem>))]
[JsonSerializable(typeof(UserItem))]
[JsonSerializable(typeof(UserBody))]
[JsonSerializable(typeof(DataList<TierItem>))]
[JsonSerializable(typeof(TierItem))]
[JsonSerializable(typeof(TierRuleBody))]
[JsonSerializable(typeof(DataList<AuditItem>))]
[JsonSerializable(typeof(DataList<DispatchItem>))]
[JsonSerializable(typeof(DispatchBody))]
[JsonSerializable(typeof(DataList<RepairItem>))]
[JsonSerializable(typeof(DataList<PlatformItem>))]
[JsonSerializable(typeof(TenancySettings))]
[JsonSerializable(typeof(TenancyBody))]
internal sealed partial class UsersJson : JsonSerializerContext;
